using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using AiCtiPortal.Domain.Data;

namespace AiCtiPortal.Domain.Catalogue;

public static class CatalogueServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICatalogueSearch"/> (a singleton: it holds the shared facet-count cache) with its options
    /// from the "Catalogue" section, and the start-up step that fills in catalogue figures for published reports
    /// that lack them.
    /// </summary>
    public static IServiceCollection AddCatalogueSearch(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = new CatalogueSearchOptions();
        configuration?.GetSection(CatalogueSearchOptions.Section).Bind(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ICatalogueSearch>(sp => new CatalogueSearchService(
            sp.GetRequiredService<IDbContextFactory<PortalDbContext>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CatalogueSearchService>>(), options));
        services.AddHostedService<CatalogueStatisticsStartup>();
        return services;
    }
}
