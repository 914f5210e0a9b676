using Microsoft.AspNetCore.Http.Metadata;

namespace AiCtiPortal.Web.Security.ApiTokens;

/// <summary>
/// The /api/v1 route group: token authentication only (a signed-in cookie is ignored, so a browser session can never
/// be ridden by a cross-site request), the per-token rate limit, and bare JSON errors (the portal's status-code pages
/// would turn a 401 into the HTML not-found page). Endpoints add the scope they need with
/// RequireAuthorization(ApiTokenDefaults.PolicyFor(scope)).
/// </summary>
public static class ApiV1
{
    public const string Prefix = "/api/v1";

    public static RouteGroupBuilder MapApiV1Group(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix)
            .RequireAuthorization(ApiTokenDefaults.AnyScopePolicy)
            .RequireRateLimiting(ApiTokenDefaults.RateLimitPolicy)
            .WithMetadata(new SkipStatusCodePages());
        return group;
    }

    private sealed class SkipStatusCodePages : ISkipStatusCodePagesMetadata;
}
