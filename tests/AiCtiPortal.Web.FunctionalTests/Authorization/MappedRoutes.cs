using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests.Authorization;

/// <summary>A route the running app maps, with what kind of endpoint serves it.</summary>
public sealed record MappedRoute(string Route, bool IsStaticAsset, string Kind);

public static class MappedRoutes
{
    /// <summary>Every route endpoint the host's routing knows (pages, minimal APIs, hubs, static assets), one per route.</summary>
    public static IReadOnlyList<MappedRoute> Of(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .GroupBy(e => Normalize(e.RoutePattern.RawText ?? e.DisplayName ?? "?"), StringComparer.Ordinal)
            .Select(g => new MappedRoute(
                g.Key,
                g.All(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null),
                KindOf(g.First())))
            .OrderBy(r => r.Route, StringComparer.Ordinal)
            .ToList();

    private static string Normalize(string route) => route.StartsWith('/') ? route : "/" + route;

    private static string KindOf(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } component ? $"page {component.Type.Name}"
        : endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null ? "static asset"
        : $"endpoint {endpoint.DisplayName}";
}
