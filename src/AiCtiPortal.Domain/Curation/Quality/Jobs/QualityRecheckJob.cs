using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// The nightly re-check of the published catalogue (scores, reasons, confidence decay). Fired by a durable cron
/// trigger in Quartz's store, so one node of a cluster runs it; each firing records its own JobRun, which
/// /admin/jobs shows with its progress. Never concurrent: two re-checks would write the same rows twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class QualityRecheckJob(
    QualityRecheckService recheck, JobRunRecorder runs, IDbContextFactory<PortalDbContext> db, TimeProvider time,
    ILogger<QualityRecheckJob> logger) : IJob
{
    public const string Name = "quality-recheck";

    /// <summary>The cron trigger's name (group <see cref="PortalJobs.Group"/>).</summary>
    public const string TriggerName = "quality-recheck-nightly";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var runId = await StartRunAsync(context, cancellationToken);
        try
        {
            await using var progress = new JobRunProgress(context, runs, runId, logger);
            var outcome = await recheck.RunAsync(progress, cancellationToken);
            await runs.SucceedAsync(runId, outcome.Message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Quality re-check {RunId} failed", runId);
            var message = ex is OperationCanceledException
                ? "The re-check was interrupted because the portal shut down. Batches already stored keep their new scores; the next run re-checks everything."
                : $"The re-check failed ({ex.GetType().Name}: {ex.Message}). Batches already stored keep their new scores; the next run re-checks everything. The portal's log has the details.";
            await runs.FailAsync(runId, message, ex.ToString(), CancellationToken.None);
        }
    }

    /// <summary>A run started by hand carries its JobRun id; a scheduled firing records a new one.</summary>
    private async Task<Guid> StartRunAsync(IJobExecutionContext context, CancellationToken ct)
    {
        if (Guid.TryParse(context.MergedJobDataMap.GetString(PortalJobs.JobRunIdKey), out var queued) && await runs.StartAsync(queued, ct))
        {
            return queued;
        }

        var run = new JobRun { JobName = Name, RequestedBy = "schedule", QueuedAt = time.GetUtcNow().UtcDateTime };
        await using (var store = await db.CreateDbContextAsync(ct))
        {
            store.JobRuns.Add(run);
            await store.SaveChangesAsync(ct);
        }

        await runs.StartAsync(run.Id, ct);
        return run.Id;
    }
}
