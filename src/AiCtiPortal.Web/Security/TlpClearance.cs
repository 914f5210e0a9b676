using System.Security.Claims;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Web.Security;

/// <summary>
/// The one place that decides what a viewer may read. Published items are visible up to the viewer's TLP clearance;
/// authors always see their own items, whatever their state. Anonymous visitors see published TLP:CLEAR only.
/// </summary>
public static class TlpClearance
{
    /// <summary>The clearance a role grants on its own; Consumers get theirs from their organisations instead.</summary>
    public static Tlp ForRoles(IEnumerable<string> roles, Tlp organisationClearance)
    {
        var clearance = Tlp.Clear;
        foreach (var role in roles)
        {
            var granted = role switch
            {
                PortalRoles.Curator => Tlp.Red,
                PortalRoles.Contributor or PortalRoles.Reviewer => Tlp.Green,
                PortalRoles.Consumer => organisationClearance,
                _ => Tlp.Clear,
            };
            clearance = granted > clearance ? granted : clearance;
        }

        return clearance;
    }

    public static async Task<Viewer> ResolveAsync(ClaimsPrincipal principal, PortalDbContext db, CancellationToken ct)
    {
        var userId = principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (userId is null)
        {
            return Viewer.Anonymous;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var organisationClearance = Tlp.Clear;
        if (roles.Contains(PortalRoles.Consumer))
        {
            var clearances = await db.OrganisationMemberships
                .Where(m => m.UserId == userId)
                .Select(m => m.Organisation!.Clearance)
                .ToListAsync(ct);
            organisationClearance = clearances.Count == 0 ? Tlp.Clear : clearances.Max();
        }

        return new Viewer(userId, ForRoles(roles, organisationClearance));
    }

    public static IQueryable<ThreatReport> VisibleTo(this IQueryable<ThreatReport> reports, Viewer viewer)
    {
        var ceiling = viewer.Clearance;
        var userId = viewer.UserId;
        return userId is null
            ? reports.Where(r => r.Status == ContentStatus.Published && r.Tlp <= ceiling)
            : reports.Where(r => (r.Status == ContentStatus.Published && r.Tlp <= ceiling) || r.AuthorId == userId);
    }

    public static IQueryable<Indicator> VisibleTo(this IQueryable<Indicator> indicators, Viewer viewer)
    {
        var ceiling = viewer.Clearance;
        var userId = viewer.UserId;
        return userId is null
            ? indicators.Where(i => i.Status == ContentStatus.Published && i.Tlp <= ceiling)
            : indicators.Where(i => (i.Status == ContentStatus.Published && i.Tlp <= ceiling) || i.CreatedById == userId);
    }
}
