using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCtiPortal.Domain.Catalogue;

public static class CatalogueServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICatalogueSearch"/> and the in-memory catalogue snapshot it searches (both singletons:
    /// one snapshot per process), and the start-up step that fills in catalogue figures for published reports that
    /// lack them and then builds the first snapshot.
    /// </summary>
    public static IServiceCollection AddCatalogueSearch(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CatalogueSnapshotCache>();
        services.AddSingleton<ICatalogueSearch, CatalogueSearchService>();
        services.AddHostedService<CatalogueStatisticsStartup>();
        return services;
    }
}
