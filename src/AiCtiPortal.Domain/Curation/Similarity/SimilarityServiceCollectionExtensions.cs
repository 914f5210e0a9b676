using AiCtiPortal.Domain.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCtiPortal.Domain.Curation.Similarity;

public static class SimilarityServiceCollectionExtensions
{
    /// <summary>
    /// The similarity checks: options ("Curation:Similarity"), the signature indexer and near-duplicate index (built at
    /// start-up in the background), the checker, the finding store,
    /// the launcher, and the workflow hook that queues a check on every submission. Called by AddPortalJobs, which
    /// registers the job itself.
    /// </summary>
    public static IServiceCollection AddSimilarityChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SimilarityOptions>(configuration.GetSection(SimilarityOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<NearDuplicateIndexCache>();
        services.AddHostedService<NearDuplicateIndexWarmUp>();
        services.AddSingleton<SimilaritySignatureIndexer>();
        services.AddSingleton<SimilarityChecker>();
        services.AddSingleton<SimilarityFindingStore>();
        services.AddSingleton<SimilarityCheckService>();
        services.AddSingleton<QuartzSimilarityCheckLauncher>();
        services.AddSingleton<ISimilarityCheckLauncher>(sp => sp.GetRequiredService<QuartzSimilarityCheckLauncher>());

        // Replaces the workflow's no-op hook whichever of AddReportWorkflow and AddPortalJobs runs first.
        services.RemoveAll<IReportSubmittedHook>();
        services.AddSingleton<IReportSubmittedHook>(sp => sp.GetRequiredService<QuartzSimilarityCheckLauncher>());
        return services;
    }
}
