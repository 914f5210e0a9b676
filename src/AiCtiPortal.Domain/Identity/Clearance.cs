using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Identity;

/// <summary>
/// The most restricted TLP marking a user may read. Roles grant a floor (curators, who moderate everything, RED;
/// contributors and reviewers GREEN, the community); organisations raise it, because TLP 2.0 shares AMBER with "the
/// recipient's organisation": membership of a cleared organisation is how anyone, reviewer or consumer, reads above GREEN.
/// A user with no role at all (not yet approved) reads CLEAR whatever their memberships.
/// </summary>
public static class Clearance
{
    public static Tlp Grant(IEnumerable<string> roles, Tlp organisationClearance)
    {
        var held = roles.ToList();
        if (held.Count == 0)
        {
            return Tlp.Clear;
        }

        var clearance = organisationClearance;
        foreach (var role in held)
        {
            var granted = role switch
            {
                PortalRoles.Curator => Tlp.Red,
                PortalRoles.Contributor or PortalRoles.Reviewer => Tlp.Green,
                _ => Tlp.Clear,
            };
            clearance = granted > clearance ? granted : clearance;
        }

        return clearance;
    }

    /// <summary>The highest clearance among the user's organisations; CLEAR when they belong to none.</summary>
    public static async Task<Tlp> OfOrganisationsAsync(PortalDbContext db, string userId, CancellationToken ct)
    {
        var clearances = await db.OrganisationMemberships
            .Where(m => m.UserId == userId)
            .Select(m => m.Organisation!.Clearance)
            .ToListAsync(ct);
        return clearances.Count == 0 ? Tlp.Clear : clearances.Max();
    }

    /// <summary>A user's clearance read from the database (roles and memberships), for rules enforced in the domain.</summary>
    public static async Task<Tlp> OfUserAsync(PortalDbContext db, string userId, CancellationToken ct)
    {
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(ct);
        return Grant(roles, await OfOrganisationsAsync(db, userId, ct));
    }
}
