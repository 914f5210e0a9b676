using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.FunctionalTests.Security;

/// <summary>
/// What every caller may get from every set and item, stated from the specification (README, architecture notes,
/// issue 7) and deliberately not by calling the portal's own rules, so that a bug there cannot also be in the oracle:
/// <list type="bullet">
/// <item>A set is read by curators and by members (or organisation tokens) of its reader organisations, never once archived.</item>
/// <item>Content is never above min(set ceiling, the reading organisation's clearance, the caller's clearance).</item>
/// <item>An export is built once at min(set ceiling, every reader's clearance); a member must be cleared for it.</item>
/// <item>A token acts with (its scopes) ∩ (what its owner's roles allow now); organisation tokens act as consumers.</item>
/// <item>Cookie pages send anonymous browsers to sign in and answer 404 for what the viewer may not have; the API and
/// TAXII ignore cookies and answer 401 without a valid token, 403 without the scope and 404 for what is hidden.</item>
/// </list>
/// </summary>
internal static class SetAccessRules
{
    public static Tlp RoleFloor(string role) => role switch
    {
        PortalRoles.Curator => Tlp.Red,
        PortalRoles.Contributor or PortalRoles.Reviewer => Tlp.Green,
        _ => Tlp.Clear,
    };

    /// <summary>Roles give a floor, organisations raise it; a user with no role reads CLEAR only (decision 0005).</summary>
    public static Tlp ClearanceOf(MatrixUser user, IReadOnlyDictionary<string, MatrixOrganisation> organisations)
    {
        if (user.Roles.Count == 0)
        {
            return Tlp.Clear;
        }

        var byRole = user.Roles.Select(RoleFloor).Max();
        var byOrganisation = user.Organisations.Select(o => organisations[o].Clearance).DefaultIfEmpty(Tlp.Clear).Max();
        return byRole > byOrganisation ? byRole : byOrganisation;
    }

    /// <summary>Scopes a personal token's owner may use: reading for all, downloads for consumers and curators, and so on.</summary>
    public static ApiTokenScopes AllowedFor(IReadOnlyCollection<string> roles)
    {
        var allowed = ApiTokenScopes.ReadCatalogue;
        if (roles.Contains(PortalRoles.Consumer) || roles.Contains(PortalRoles.Curator))
        {
            allowed |= ApiTokenScopes.DownloadExports;
        }

        if (roles.Count > 0)
        {
            allowed |= ApiTokenScopes.ReportSightings;
        }

        if (roles.Contains(PortalRoles.Contributor) || roles.Contains(PortalRoles.Curator))
        {
            allowed |= ApiTokenScopes.SubmitIndicators;
        }

        return allowed;
    }

    /// <summary>Organisation tokens read, download and report sightings; they never author.</summary>
    public const ApiTokenScopes OrganisationAllowed =
        ApiTokenScopes.ReadCatalogue | ApiTokenScopes.DownloadExports | ApiTokenScopes.ReportSightings;

    /// <summary>The ceiling a user reads a set at, or null when they may not read it.</summary>
    public static Tlp? UserCap(MatrixUser user, MatrixSet set, MatrixWorldModel world)
    {
        if (set.Archived)
        {
            return null;
        }

        var clearance = ClearanceOf(user, world.Organisations);
        if (user.Roles.Contains(PortalRoles.Curator))
        {
            return Min(set.Ceiling, clearance);
        }

        var via = user.Organisations.Where(set.Readers.Contains).ToList();
        if (via.Count == 0)
        {
            return null;
        }

        var best = via.Select(o => world.Organisations[o].Clearance).Max();
        return Min(Min(set.Ceiling, best), clearance);
    }

    /// <summary>The ceiling an organisation token reads a set at, or null when the organisation is not a reader.</summary>
    public static Tlp? OrganisationCap(string organisation, MatrixSet set, MatrixWorldModel world) =>
        set.Archived || !set.Readers.Contains(organisation) ? null : Min(set.Ceiling, world.Organisations[organisation].Clearance);

    /// <summary>An export is shared by every reader, so it is built at the lowest of their clearances.</summary>
    public static Tlp ExportCeiling(MatrixSet set, MatrixWorldModel world) =>
        set.Readers.Select(o => world.Organisations[o].Clearance).Append(set.Ceiling).Min();

    /// <summary>Whether a signed-in user may download a set's export: curators always, members when cleared for it.</summary>
    public static bool MayDownload(MatrixUser user, MatrixSet set, MatrixWorldModel world)
    {
        if (user.Roles.Contains(PortalRoles.Curator))
        {
            return true;
        }

        return !set.Archived && user.Organisations.Any(set.Readers.Contains)
            && ClearanceOf(user, world.Organisations) >= ExportCeiling(set, world);
    }

    /// <summary>
    /// Whether a token may download a set's export: a personal token as its owner may from the Exports page; an
    /// organisation token when its organisation reads the set and is cleared for the export.
    /// </summary>
    public static bool TokenMayDownload(MatrixToken token, MatrixSet set, MatrixWorldModel world) =>
        token.Organisation is { } organisation
            ? OrganisationCap(organisation, set, world) is not null && world.Organisations[organisation].Clearance >= ExportCeiling(set, world)
            : MayDownload(world.Users[token.User!], set, world);

    /// <summary>The sets the /exports page lists for a user (curators: every live set).</summary>
    public static bool ListsOnExportsPage(MatrixUser user, MatrixSet set) =>
        !set.Archived && (user.Roles.Contains(PortalRoles.Curator) || user.Organisations.Any(set.Readers.Contains));

    /// <summary>What a token may do now, or null when it does not authenticate at all (expired, revoked, malformed, none).</summary>
    public static ApiTokenScopes? EffectiveScopes(MatrixToken token, MatrixWorldModel world)
    {
        if (token.State != TokenState.Valid)
        {
            return null;
        }

        return token.Organisation is not null
            ? token.Scopes & OrganisationAllowed
            : token.Scopes & AllowedFor(world.Users[token.User!].Roles);
    }

    /// <summary>The catalogue clearance a valid token reads with: its user's, or its organisation's.</summary>
    public static Tlp TokenClearance(MatrixToken token, MatrixWorldModel world) =>
        token.Organisation is { } organisation
            ? world.Organisations[organisation].Clearance
            : ClearanceOf(world.Users[token.User!], world.Organisations);

    /// <summary>The ceiling a token reads a set through TAXII at, or null when the set is hidden from it.</summary>
    public static Tlp? TokenCap(MatrixToken token, MatrixSet set, MatrixWorldModel world) =>
        token.Organisation is { } organisation
            ? OrganisationCap(organisation, set, world)
            : UserCap(world.Users[token.User!], set, world);

    public static Tlp Min(Tlp a, Tlp b) => a < b ? a : b;
}
