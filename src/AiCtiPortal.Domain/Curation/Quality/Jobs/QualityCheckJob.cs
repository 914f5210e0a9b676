using AiCtiPortal.Domain.Jobs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// Scores one submission version (report and indicators) and records the outcome on its JobRun row. Runs do not
/// overlap: a check takes milliseconds, and two checks of one report would race to replace the same rows.
/// </summary>
[DisallowConcurrentExecution]
public sealed class QualityCheckJob(QualityCheckService checks, JobRunRecorder runs, ILogger<QualityCheckJob> logger) : IJob
{
    public const string Name = "quality-check";

    internal const string ReportIdKey = "ReportId";
    internal const string VersionKey = "Version";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        if (!Guid.TryParse(data.GetString(PortalJobs.JobRunIdKey), out var runId) || !await runs.StartAsync(runId, cancellationToken))
        {
            logger.LogError("Quality check fired without an existing JobRun (trigger {Trigger}); nothing to do", context.Trigger.Key);
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
            logger.LogError(ex, "Quality check {RunId} of report {ReportId} v{Version} failed", runId, reportId, version);
            var message = ex is OperationCanceledException
                ? "The check was interrupted because the portal shut down; no scores were changed. The nightly re-check covers published items."
                : $"The check failed ({ex.GetType().Name}: {ex.Message}); no scores were changed. The portal's log has the details.";
            await runs.FailAsync(runId, message, ex.ToString(), CancellationToken.None);
        }
    }
}
