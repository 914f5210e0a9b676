using AiCtiPortal.Domain.Jobs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>
/// Builds one queued export and mirrors it on its JobRun row. One export at a time, cluster-wide: an incremental
/// export continues from the previous one's cut-off, so two of the same set must not interleave, and the builder
/// relies on it to clear abandoned working folders.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ExportJob(ExportBuilder builder, JobRunRecorder runs, ILogger<ExportJob> logger) : IJob
{
    public const string Name = "curated-export";

    internal const string ExportRunIdKey = "ExportRunId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        if (!Guid.TryParse(data.GetString(PortalJobs.JobRunIdKey), out var jobRunId)
            || !Guid.TryParse(data.GetString(ExportRunIdKey), out var exportRunId))
        {
            logger.LogError("Export fired without its run ids (trigger {Trigger}); nothing to do", context.Trigger.Key);
            return;
        }

        if (!await runs.StartAsync(jobRunId, cancellationToken))
        {
            logger.LogError("Export fired for JobRun {RunId}, which does not exist; nothing to do", jobRunId);
            return;
        }

        ExportRun run;
        var progress = new JobRunProgress(context, runs, jobRunId, logger);
        try
        {
            run = await builder.BuildAsync(exportRunId, progress, cancellationToken);
        }
        catch (Exception ex)
        {
            await progress.DisposeAsync();
            await runs.FailAsync(jobRunId, ExportBuilder.Describe(ex), ex.ToString(), CancellationToken.None);
            return;
        }

        await progress.DisposeAsync();
        await runs.SucceedAsync(jobRunId, Summary(run), CancellationToken.None);
    }

    private static string Summary(ExportRun run) =>
        $"{ExportFiles.DisplayName(run.Format)} ({run.Kind.ToString().ToLowerInvariant()}): {run.ReportCount:N0} reports, " +
        $"{run.IndicatorCount:N0} indicators, {run.ObjectCount:N0} objects, {run.TotalBytes:N0} bytes. {run.Message}";
}
