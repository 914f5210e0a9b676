using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Identity.ApiTokens;

/// <summary>What a person asks for when creating a token.</summary>
public sealed record ApiTokenRequest(string? Name, ApiTokenScopes Scopes, DateTime ExpiresAt);

/// <summary>A new token. <see cref="Token"/> is the only copy of the secret there will ever be: show it once, then drop it.</summary>
public sealed record ApiTokenCreated(Guid Id, string Name, string Token, string Prefix, ApiTokenScopes Scopes, DateTime ExpiresAt);

/// <summary>A token as lists show it: everything but the secret, which is not kept.</summary>
public sealed record ApiTokenSummary(
    Guid Id, string Name, string Prefix, ApiTokenScopes Scopes, string? UserId, Guid? OrganisationId,
    DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, DateTime? LastUsedAt)
{
    public bool IsActiveAt(DateTime now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>An organisation whose tokens the person may manage.</summary>
public sealed record ApiTokenOrganisation(Guid Id, string Name, Tlp Clearance);

public enum ApiTokenFailure
{
    /// <summary>Not shaped like a portal token at all.</summary>
    Malformed,

    /// <summary>No token with that prefix and secret (never says which part was wrong).</summary>
    Unknown,

    Revoked,
    Expired,

    /// <summary>The personal token's owner is locked out; the token stops with the account.</summary>
    OwnerLockedOut,
}

/// <summary>
/// Who a valid token acts for. <see cref="Scopes"/> are the granted scopes narrowed to what the owner may do now, so a
/// role taken away also takes the scope away from existing tokens. Organisation tokens have no user: they act as a
/// consumer (<see cref="Roles"/>) at the organisation's clearance.
/// </summary>
public sealed record ApiTokenCaller(
    Guid TokenId, string TokenName, string Prefix, ApiTokenScopes Scopes, ApiTokenScopes GrantedScopes, DateTime ExpiresAt,
    string? UserId, string? UserName, string? Email, string? DisplayName,
    Guid? OrganisationId, string? OrganisationName,
    IReadOnlyList<string> Roles, Tlp Clearance)
{
    public bool IsOrganisationToken => OrganisationId is not null;
}

/// <summary>The outcome of checking a presented token: a caller, or a failure with a reason fit to show the client.</summary>
public sealed record ApiTokenValidation(ApiTokenCaller? Caller, ApiTokenFailure? Failure, string? Reason)
{
    public bool Succeeded => Caller is not null;

    public static ApiTokenValidation Valid(ApiTokenCaller caller) => new(caller, null, null);

    public static ApiTokenValidation Refused(ApiTokenFailure failure, string reason) => new(null, failure, reason);
}
