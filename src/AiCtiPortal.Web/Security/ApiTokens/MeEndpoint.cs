using AiCtiPortal.Domain.Identity.ApiTokens;
using System.Security.Claims;

namespace AiCtiPortal.Web.Security.ApiTokens;

/// <summary>GET /api/v1/me: who the presented token acts for, what it may do now and when it expires. Needs no scope.</summary>
internal static class MeEndpoint
{
    public const string Route = "/me";

    public sealed record Response(
        string Kind, string Name, string? UserId, string? Email, Guid? OrganisationId,
        IReadOnlyList<string> Roles, string Clearance, TokenInfo Token);

    public sealed record TokenInfo(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime ExpiresAt);

    public static RouteHandlerBuilder MapMe(this RouteGroupBuilder api) =>
        api.MapGet(Route, (ClaimsPrincipal user) => ApiCaller.From(user) is { } caller ? Results.Ok(Describe(caller, user)) : Results.Unauthorized())
            .WithName("ApiMe")
            .WithSummary("Who this token acts for, its scopes and expiry");

    private static Response Describe(ApiCaller caller, ClaimsPrincipal user) => new(
        caller.IsOrganisationToken ? "organisation" : "user",
        caller.Name,
        caller.UserId,
        user.FindFirstValue(ClaimTypes.Email),
        caller.OrganisationId,
        caller.Roles.Order(StringComparer.Ordinal).ToList(),
        caller.Clearance.ToString(),
        new TokenInfo(caller.TokenId, caller.TokenName, caller.Prefix,
            ApiTokenScopeRules.Split(caller.Scopes).Select(s => s.ToString()).ToList(), caller.ExpiresAt));
}
