using AiCtiPortal.Domain.Jobs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// Computes the similarity findings of one submission version and records the outcome on its JobRun row. Runs do
/// not overlap: two checks of one report would each replace the other's Open findings, and a check takes well under
/// the two seconds of the performance target, so a queue costs little.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SimilarityCheckJob(SimilarityCheckService checks, JobRunRecorder runs, ILogger<SimilarityCheckJob> logger) : IJob
{
    public const string Name = "similarity-check";

    internal const string ReportIdKey = "ReportId";
    internal const string VersionKey = "Version";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        if (!Guid.TryParse(data.GetString(PortalJobs.JobRunIdKey), out var runId) || !await runs.StartAsync(runId, cancellationToken))
        {
            logger.LogError("Similarity check fired without an existing JobRun (trigger {Trigger}); nothing to do", context.Trigger.Key);
            return;
        }

        if (!Guid.TryParse(data.GetString(ReportIdKey), out var reportId) || !int.TryParse(data.GetString(VersionKey), out var version))
        {
            await runs.FailAsync(runId, "The check was queued without a report and version; nothing was checked.", null, CancellationToken.None);
            return;
        }

        try
        {
            await using var progress = new JobRunProgress(context, runs, runId, logger);
            var outcome = await checks.RunAsync(reportId, version, progress, cancellationToken);
            await runs.SucceedAsync(runId, outcome.Message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Similarity check {RunId} of report {ReportId} v{Version} failed", runId, reportId, version);
            var message = ex is OperationCanceledException
                ? "The check was interrupted because the portal shut down; no findings were changed. It runs again on the next submission."
                : $"The check failed ({ex.GetType().Name}: {ex.Message}); no findings were changed. The portal's log has the details.";
            await runs.FailAsync(runId, message, ex.ToString(), CancellationToken.None);
        }
    }
}
