using AiCtiPortal.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Data.Seeding;

/// <summary>The four roles exist in every environment; authorization policies name them.</summary>
public static class PortalRoleSeeder
{
    public static async Task EnsureRolesAsync(PortalDbContext db, CancellationToken ct)
    {
        var existing = await db.Roles.Select(r => r.NormalizedName).ToListAsync(ct);
        foreach (var role in PortalRoles.All.Where(r => !existing.Contains(Normalize(r))))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = Normalize(role) });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Identity's default lookup normalizer upper-cases invariantly; the stores match on the result.</summary>
    internal static string Normalize(string name) => name.ToUpperInvariant();
}
