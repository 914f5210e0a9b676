using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Web.Components.Pages.Admin;

/// <summary>Curators' changes to organisations, validated here so the page only shows the outcome.</summary>
public sealed class OrganisationAdministration(IDbContextFactory<PortalDbContext> contexts)
{
    public const int MaxNameLength = 200;

    public sealed record Outcome(bool Succeeded, string Message);

    public async Task<Outcome> CreateAsync(string? name, string? description, Tlp clearance)
    {
        var trimmed = name?.Trim() ?? "";
        if (await ValidateNameAsync(trimmed, exceptId: null) is { } problem)
        {
            return new(false, problem);
        }

        await using var db = await contexts.CreateDbContextAsync();
        db.Organisations.Add(new Organisation
        {
            Name = trimmed,
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Clearance = clearance,
        });
        await db.SaveChangesAsync();
        return new(true, $"Created {trimmed}.");
    }

    public async Task<Outcome> UpdateAsync(Guid id, string? name, string? description, Tlp clearance)
    {
        var trimmed = name?.Trim() ?? "";
        if (await ValidateNameAsync(trimmed, exceptId: id) is { } problem)
        {
            return new(false, problem);
        }

        await using var db = await contexts.CreateDbContextAsync();
        var organisation = await db.Organisations.FindAsync(id);
        if (organisation is null)
        {
            return new(false, "That organisation no longer exists.");
        }

        organisation.Name = trimmed;
        organisation.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        organisation.Clearance = clearance;
        await db.SaveChangesAsync();
        return new(true, $"Saved {trimmed}.");
    }

    public async Task<Outcome> AddMemberAsync(Guid organisationId, string? email)
    {
        var normalized = email?.Trim().ToUpperInvariant() ?? "";
        if (normalized.Length == 0)
        {
            return new(false, "Enter the email address of an existing account.");
        }

        await using var db = await contexts.CreateDbContextAsync();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (user is null)
        {
            return new(false, $"No account uses {email!.Trim()}. The person must register first.");
        }

        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId))
        {
            return new(false, "That organisation no longer exists.");
        }

        if (await db.OrganisationMemberships.AnyAsync(m => m.OrganisationId == organisationId && m.UserId == user.Id))
        {
            return new(false, $"{user.Email} is already a member.");
        }

        db.OrganisationMemberships.Add(new OrganisationMembership { OrganisationId = organisationId, UserId = user.Id });
        await db.SaveChangesAsync();
        return new(true, $"Added {user.Email}.");
    }

    public async Task<Outcome> RemoveMemberAsync(Guid organisationId, string userId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var removed = await db.OrganisationMemberships
            .Where(m => m.OrganisationId == organisationId && m.UserId == userId)
            .ExecuteDeleteAsync();
        return removed > 0 ? new(true, "Member removed.") : new(false, "That person was not a member.");
    }

    private async Task<string?> ValidateNameAsync(string name, Guid? exceptId)
    {
        if (name.Length == 0)
        {
            return "Enter a name.";
        }

        if (name.Length > MaxNameLength)
        {
            return $"Keep the name under {MaxNameLength} characters.";
        }

        await using var db = await contexts.CreateDbContextAsync();
        var lower = name.ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower() on both providers; string.Equals with a comparison it does not.
        var taken = await db.Organisations.AnyAsync(o => o.Id != exceptId && o.Name.ToLower() == lower);
#pragma warning restore CA1862
        return taken ? $"An organisation called {name} already exists." : null;
    }
}
