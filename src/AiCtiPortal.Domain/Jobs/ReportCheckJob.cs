using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// A check of one submission version, queued with its JobRun id, report id and version (the similarity and quality
/// checks): starts the run, reads the parameters, runs the check with progress, and records the outcome or a failure
/// that says what was left unchanged. Subclasses keep [DisallowConcurrentExecution]: two checks of one report would
/// race to replace the same rows.
/// </summary>
public abstract class ReportCheckJob(JobRunRecorder runs, ILogger logger) : IJob
{
    internal const string ReportIdKey = "ReportId";
    internal const string VersionKey = "Version";

    /// <summary>The trigger data of a check of <paramref name="reportId"/> at <paramref name="version"/>.</summary>
    public static IReadOnlyDictionary<string, string> Data(Guid reportId, int version) => new Dictionary<string, string>
    {
        [ReportIdKey] = reportId.ToString(),
        [VersionKey] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>For the log: "Quality check".</summary>
    protected abstract string Title { get; }

    /// <summary>What a failed or interrupted check left alone: "no scores were changed".</summary>
    protected abstract string Unchanged { get; }

    /// <summary>What happens to an interrupted check's work: "It runs again on the next submission."</summary>
    protected abstract string AfterInterruption { get; }

    /// <summary>Runs the check; returns the outcome message for the job monitor.</summary>
    protected abstract Task<string> CheckAsync(Guid reportId, int version, IProgress<int> progress, CancellationToken ct);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        if (!Guid.TryParse(data.GetString(PortalJobs.JobRunIdKey), out var runId) || !await runs.StartAsync(runId, cancellationToken))
        {
            logger.LogError("{Title} fired without an existing JobRun (trigger {Trigger}); nothing to do", Title, context.Trigger.Key);
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
            var message = await CheckAsync(reportId, version, progress, cancellationToken);
            await runs.SucceedAsync(runId, message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Title} {RunId} of report {ReportId} v{Version} failed", Title, runId, reportId, version);
            var message = ex is OperationCanceledException
                ? $"The check was interrupted because the portal shut down; {Unchanged}. {AfterInterruption}"
                : $"The check failed ({ex.GetType().Name}: {ex.Message}); {Unchanged}. The portal's log has the details.";
            await runs.FailAsync(runId, message, ex.ToString(), CancellationToken.None);
        }
    }
}
