using AiCtiPortal.Domain.Identity.ApiTokens;

namespace AiCtiPortal.Web.Security.ApiTokens;

/// <summary>Names shared by the token scheme, its policies, its claims and the API's endpoints.</summary>
public static class ApiTokenDefaults
{
    /// <summary>The authentication scheme: "Authorization: Bearer aicti_…". Cookies stay the default scheme for pages.</summary>
    public const string Scheme = "ApiToken";

    /// <summary>Shown in WWW-Authenticate challenges.</summary>
    public const string Realm = "AiCtiPortal API";

    /// <summary>The policy of API endpoints that need a valid token but no particular scope (GET /api/v1/me).</summary>
    public const string AnyScopePolicy = "ApiToken";

    private const string ScopePolicyPrefix = "ApiToken:";

    public const string RateLimitPolicy = "ApiToken";

    /// <summary>The authorization policy that demands <paramref name="scope"/> ("ApiToken:ReadCatalogue").</summary>
    public static string PolicyFor(ApiTokenScopes scope) => ScopePolicyPrefix + scope;

    /// <summary>The scope a policy name demands, or null for other policies.</summary>
    public static ApiTokenScopes? ScopeOfPolicy(string? policy) =>
        policy is not null && policy.StartsWith(ScopePolicyPrefix, StringComparison.Ordinal) &&
        Enum.TryParse<ApiTokenScopes>(policy[ScopePolicyPrefix.Length..], out var scope)
            ? scope
            : null;
}

/// <summary>The claims a token principal carries besides the usual name, id, e-mail and roles.</summary>
public static class ApiTokenClaims
{
    public const string TokenId = "aicti:token_id";
    public const string TokenName = "aicti:token_name";
    public const string TokenPrefix = "aicti:token_prefix";
    public const string ExpiresAt = "aicti:token_expires";

    /// <summary>One claim per scope the token may use now, valued with the scope's name.</summary>
    public const string Scope = "scope";

    public const string OrganisationId = "aicti:organisation_id";

    /// <summary>The caller's TLP ceiling (the Tlp name), resolved when the token was checked.</summary>
    public const string Clearance = "aicti:clearance";
}
