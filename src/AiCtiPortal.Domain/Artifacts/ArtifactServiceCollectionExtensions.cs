using AiCtiPortal.Domain.Indicators;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCtiPortal.Domain.Artifacts;

public static class ArtifactServiceCollectionExtensions
{
    /// <summary>
    /// The shared state of artifact scanning: the scan policy store (which holds the parsed current policy) and the
    /// cached knowledge-base index. Both are singletons, so every scan in the process shares one copy of each.
    /// </summary>
    public static IServiceCollection AddArtifactKnowledge(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ScanPolicyStore>();
        services.TryAddSingleton<KnowledgeBaseIndexCache>();
        return services;
    }
}
