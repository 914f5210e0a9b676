using AiCtiPortal.Domain.Jobs;
using Quartz;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>The two quality jobs as PortalJobs declares them, and their registration with Quartz.</summary>
public static class QualityJobs
{
    public static PortalJobDefinition Check { get; } = new(
        QualityCheckJob.Name, "Quality check", typeof(QualityCheckJob), "On every submission, resubmission and proposal",
        AllowsConcurrentRuns: false);

    public static PortalJobDefinition Recheck { get; } = new(
        QualityRecheckJob.Name, "Nightly quality re-check", typeof(QualityRecheckJob),
        "Nightly (Curation:QualityRecheck:Schedule, default 02:30 UTC): scores, reasons and confidence decay of the published catalogue",
        AllowsConcurrentRuns: false);

    /// <summary>Both durable, so they exist without a trigger; the nightly cron trigger comes from QualityRecheckSchedule.</summary>
    internal static void Register(IQuartzBuilder quartz)
    {
        quartz.AddJob<QualityCheckJob>(job => job
            .WithIdentity(Check.Key).WithDescription(Check.DisplayName).StoreDurably()
            .DisallowConcurrentExecution(!Check.AllowsConcurrentRuns));
        quartz.AddJob<QualityRecheckJob>(job => job
            .WithIdentity(Recheck.Key).WithDescription(Recheck.DisplayName).StoreDurably()
            .DisallowConcurrentExecution(!Recheck.AllowsConcurrentRuns));
    }
}
