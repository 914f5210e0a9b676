using AiCtiPortal.Domain.Identity.ApiTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCtiPortal.Web.Security.ApiTokens;

public static class ApiTokenExtensions
{
    /// <summary>
    /// The token service, the "ApiToken" scheme beside the cookie (which stays the default for pages), one policy per
    /// scope plus one for "any valid token", and the per-token rate limit bound from "Api:RateLimit".
    /// </summary>
    public static IServiceCollection AddPortalApiTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiTokenService>();
        services.AddOptions<ApiRateLimitOptions>()
            .Bind(configuration.GetSection(ApiRateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenDefaults.Scheme, configureOptions: null);
        var policies = services.AddAuthorizationBuilder()
            .AddPolicy(ApiTokenDefaults.AnyScopePolicy, policy => policy
                .AddAuthenticationSchemes(ApiTokenDefaults.Scheme)
                .RequireAuthenticatedUser());
        foreach (var scope in ApiTokenScopeRules.Each)
        {
            policies.AddPolicy(ApiTokenDefaults.PolicyFor(scope), policy => policy
                .AddAuthenticationSchemes(ApiTokenDefaults.Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiTokenClaims.Scope, scope.ToString()));
        }

        services.AddRateLimiter(limiter => limiter.AddPolicy<string, ApiTokenRateLimitPolicy>(ApiTokenDefaults.RateLimitPolicy));
        return services;
    }

    /// <summary>
    /// The rate limiter (after authorization, which has identified the token by then) and the /api/v1 endpoints.
    /// </summary>
    public static WebApplication UsePortalApiTokens(this WebApplication app)
    {
        app.UseRateLimiter();
        var api = app.MapApiV1Group();
        api.MapMe();
        api.MapCatalogueCounts();
        return app;
    }
}
