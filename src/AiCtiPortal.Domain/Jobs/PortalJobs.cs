using Quartz;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// Every background job the portal runs, declared in one place. Jobs are stored durably without a recurring trigger
/// when they run on demand; <see cref="IJobLauncher"/> gives each run a one-shot trigger carrying its JobRun id.
/// </summary>
public static class PortalJobs
{
    public const string Group = "portal";

    /// <summary>The trigger data key holding the JobRun id a firing reports to.</summary>
    public const string JobRunIdKey = "JobRunId";

    public static PortalJobDefinition AtlasImport { get; } = new(
        AtlasImportJob.Name, "ATLAS import", typeof(AtlasImportJob), "On demand (curators, and at start-up in Development)",
        AllowsConcurrentRuns: false);

    public static PortalJobDefinition SimilarityCheck { get; } = new(
        Curation.Similarity.SimilarityCheckJob.Name, "Similarity check", typeof(Curation.Similarity.SimilarityCheckJob),
        "On every submission, resubmission and proposal", AllowsConcurrentRuns: false);

    public static PortalJobDefinition Export { get; } = new(
        Exports.Runs.ExportJob.Name, "Curated set export", typeof(Exports.Runs.ExportJob), "On demand (curators, on the Exports page)",
        AllowsConcurrentRuns: false);

    public static PortalJobDefinition QualityCheck => Curation.Quality.Jobs.QualityJobs.Check;

    public static PortalJobDefinition QualityRecheck => Curation.Quality.Jobs.QualityJobs.Recheck;

    public static IReadOnlyList<PortalJobDefinition> All { get; } = [AtlasImport, SimilarityCheck, Export, QualityCheck, QualityRecheck];

    internal static void Register(IQuartzBuilder quartz)
    {
        quartz.AddJob<AtlasImportJob>(job => job
            .WithIdentity(AtlasImport.Key)
            .WithDescription(AtlasImport.DisplayName)
            .StoreDurably()
            .DisallowConcurrentExecution(!AtlasImport.AllowsConcurrentRuns));
        quartz.AddJob<Curation.Similarity.SimilarityCheckJob>(job => job
            .WithIdentity(SimilarityCheck.Key)
            .WithDescription(SimilarityCheck.DisplayName)
            .StoreDurably()
            // A check killed with its process is fired again by the next instance; its body is idempotent.
            .RequestRecovery()
            .DisallowConcurrentExecution(!SimilarityCheck.AllowsConcurrentRuns));
        quartz.AddJob<Exports.Runs.ExportJob>(job => job
            .WithIdentity(Export.Key)
            .WithDescription(Export.DisplayName)
            .StoreDurably()
            .DisallowConcurrentExecution(!Export.AllowsConcurrentRuns));
        Curation.Quality.Jobs.QualityJobs.Register(quartz);
    }
}
