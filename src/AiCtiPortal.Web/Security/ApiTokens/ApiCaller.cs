using System.Globalization;
using System.Security.Claims;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.Security.ApiTokens;

/// <summary>
/// The caller of an API endpoint, read back from the token principal. API endpoints resolve their
/// <see cref="Viewer"/> here and not through <see cref="TlpClearance.ResolveAsync"/>: an organisation token has no
/// user whose memberships could be looked up, and its clearance is the organisation's.
/// </summary>
public sealed record ApiCaller(
    Guid TokenId, string TokenName, string Prefix, DateTime ExpiresAt, ApiTokenScopes Scopes,
    string? UserId, Guid? OrganisationId, string Name, IReadOnlyList<string> Roles, Tlp Clearance)
{
    /// <summary>What the caller may read: organisation tokens see published items only, never anyone's drafts.</summary>
    public Viewer Viewer => new(UserId, Clearance);

    /// <summary>Who reads curated sets (exports, TAXII): the token's user or organisation, capped at the token's clearance.</summary>
    public CuratedSetConsumer Consumer => new(UserId, OrganisationId, Clearance);

    public bool IsOrganisationToken => OrganisationId is not null;

    public static ApiCaller? From(ClaimsPrincipal principal)
    {
        var identity = principal.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == ApiTokenDefaults.Scheme);
        if (identity is null || !Guid.TryParse(identity.FindFirst(ApiTokenClaims.TokenId)?.Value, out var tokenId))
        {
            return null;
        }

        var scopes = identity.FindAll(ApiTokenClaims.Scope)
            .Select(c => Enum.TryParse<ApiTokenScopes>(c.Value, out var s) ? s : ApiTokenScopes.None)
            .Aggregate(ApiTokenScopes.None, (all, s) => all | s);
        return new ApiCaller(
            tokenId,
            identity.FindFirst(ApiTokenClaims.TokenName)?.Value ?? "",
            identity.FindFirst(ApiTokenClaims.TokenPrefix)?.Value ?? "",
            DateTime.TryParse(identity.FindFirst(ApiTokenClaims.ExpiresAt)?.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiresAt)
                ? expiresAt
                : DateTime.MinValue,
            scopes,
            identity.FindFirst(ClaimTypes.NameIdentifier)?.Value,
            Guid.TryParse(identity.FindFirst(ApiTokenClaims.OrganisationId)?.Value, out var organisationId) ? organisationId : null,
            identity.Name ?? "",
            identity.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
            Enum.TryParse<Tlp>(identity.FindFirst(ApiTokenClaims.Clearance)?.Value, out var clearance) ? clearance : Tlp.Clear);
    }
}
