using AiCtiPortal.Domain.Exports.Sets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCtiPortal.Domain.Exports.Taxii;

public static class TaxiiServiceCollectionExtensions
{
    /// <summary>The TAXII collections and object source over the curated sets; stateless singletons.</summary>
    public static IServiceCollection AddTaxiiCollections(this IServiceCollection services)
    {
        services.AddCuratedSets();
        services.TryAddSingleton<TaxiiCollections>();
        services.TryAddSingleton<TaxiiObjectSource>();
        return services;
    }
}
