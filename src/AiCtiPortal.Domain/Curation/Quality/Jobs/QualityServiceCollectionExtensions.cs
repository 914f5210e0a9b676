using AiCtiPortal.Domain.Curation.Quality.Decay;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

public static class QualityServiceCollectionExtensions
{
    /// <summary>
    /// The quality checks' services: options ("Curation:Quality", "Curation:ConfidenceDecay",
    /// "Curation:QualityRecheck"), the per-submission check and its launcher, the nightly re-check, and the
    /// submission hook. Call after AddPortalJobs (which registers the jobs and the similarity hook this one wraps).
    /// </summary>
    public static IServiceCollection AddQualityChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<QualityOptions>(configuration.GetSection(QualityOptions.SectionName));
        services.Configure<ConfidenceDecayOptions>(configuration.GetSection(ConfidenceDecayOptions.SectionName));
        services.Configure<QualityRecheckOptions>(configuration.GetSection(QualityRecheckOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<QualityAssessorFactory>();
        services.AddSingleton<QualityCheckService>();
        services.AddSingleton<QualityRecheckService>();
        services.AddSingleton<QualityCheckLauncher>();
        services.AddSingleton<IJobRetryHandler>(sp => sp.GetRequiredService<QualityCheckLauncher>());
        services.AddSingleton<IJobRetryHandler, RecheckRetry>();
        services.AddHostedService<QualityRecheckSchedule>();

        // Wrap the hook registered so far (the similarity check's, or the workflow's no-op) instead of replacing it.
        var previous = services.LastOrDefault(d => d.ServiceType == typeof(IReportSubmittedHook));
        services.RemoveAll<IReportSubmittedHook>();
        services.AddSingleton<IReportSubmittedHook>(sp => new QualitySubmittedHook(
            previous is null ? NoReportSubmittedHook.Instance : Resolve(previous, sp),
            sp.GetRequiredService<QualityCheckLauncher>(),
            sp.GetRequiredService<ILogger<QualitySubmittedHook>>()));
        return services;
    }

    private static IReportSubmittedHook Resolve(ServiceDescriptor descriptor, IServiceProvider services) =>
        (IReportSubmittedHook)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
