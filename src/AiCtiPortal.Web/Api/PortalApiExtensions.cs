using AiCtiPortal.Domain.Sightings;
using AiCtiPortal.Web.Security.ApiTokens;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCtiPortal.Web.Api;

/// <summary>
/// The /api/v1 catalogue, sightings, submission and export endpoints and their OpenAPI document. Token authentication, the
/// scope policies and the rate limit come from <see cref="ApiTokenExtensions"/>; this only adds endpoints to the group.
/// </summary>
public static class PortalApiExtensions
{
    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SightingService>();
        services.AddOpenApi(ApiOpenApi.DocumentName, ApiOpenApi.Configure);
        return services;
    }

    public static WebApplication MapPortalApi(this WebApplication app)
    {
        app.MapOpenApi(ApiOpenApi.Route).AllowAnonymous();
        var api = app.MapApiV1Group();
        api.MapReports();
        api.MapIndicatorReads();
        api.MapSightings();
        api.MapSubmissions();
        api.MapExports();
        return app;
    }
}
