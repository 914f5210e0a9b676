using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCtiPortal.Domain.Exports.Sets;

public static class CuratedSetServiceCollectionExtensions
{
    /// <summary>The curated-set store and resolver; both stateless singletons over the context factory.</summary>
    public static IServiceCollection AddCuratedSets(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CuratedSetStore>();
        services.TryAddSingleton<CuratedSetResolver>();
        return services;
    }
}
