using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>
/// Queues exports for curators: an <see cref="ExportRun"/>, its <see cref="JobRun"/> and an audit entry in one save,
/// then a one-shot trigger of <see cref="ExportJob"/> carrying both ids (<see cref="JobRunQueue"/>). Also the export job's retry handler: a failed
/// run is exported again (same set, format and kind) as a new ExportRun, the failed one staying in the history.
/// </summary>
public sealed class ExportLauncher(
    ISchedulerFactory schedulers,
    JobRunQueue queue,
    IDbContextFactory<PortalDbContext> contexts,
    TimeProvider time) : IJobRetryHandler
{
    public string JobName => ExportJob.Name;

    /// <summary>Queues an export of the set; returns the ExportRun id. Throws <see cref="JobLaunchException"/> with a reason.</summary>
    public async Task<Guid> EnqueueExportAsync(Guid setId, ExportFormat format, ExportKind kind, string requestedBy, CancellationToken ct) =>
        (await QueueAsync(new ExportJobParameters(Guid.Empty, setId, format, kind), requestedBy, attempt: 1, ct)).ExportRunId;

    /// <summary>
    /// Exports the failed run's set again in the same format and kind. A set deleted or archived since is refused with
    /// that reason, before anything is recorded.
    /// </summary>
    public async Task<Guid> RetryAsync(JobRun failed, string requestedBy, CancellationToken ct)
    {
        var parameters = JobRunParameters.Read<ExportJobParameters>(failed);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var set = await db.CuratedSets.AsNoTracking().Where(s => s.Id == parameters.SetId)
                .Select(s => new { s.Name, s.IsArchived }).SingleOrDefaultAsync(ct)
                ?? throw new JobLaunchException("The curated set this export was built from has been deleted; there is nothing to export again.");
            if (set.IsArchived)
            {
                throw new JobLaunchException($"The set \"{set.Name}\" has been archived since this export ran; restore it on /admin/curated-sets before retrying.");
            }
        }

        return (await QueueAsync(parameters, requestedBy, failed.Attempt + 1, ct)).JobRunId;
    }

    private async Task<(Guid ExportRunId, Guid JobRunId)> QueueAsync(ExportJobParameters request, string requestedBy, int attempt, CancellationToken ct)
    {
        var (setId, format, kind) = (request.SetId, request.Format, request.Kind);
        if (!Enum.IsDefined(format) || !Enum.IsDefined(kind))
        {
            throw new JobLaunchException("Choose one of the export formats and full or incremental.");
        }

        var run = new ExportRun { CuratedSetId = setId, Format = format, Kind = kind, RequestedBy = requestedBy };
        var jobRun = queue.NewRun(PortalJobs.Export, requestedBy, request with { ExportRunId = run.Id }, attempt);
        var now = jobRun.QueuedAt;
        run.QueuedAt = now;
        run.JobRunId = jobRun.Id;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await ReportWorkflow.IsInRoleAsync(db, requestedBy, PortalRoles.Curator, ct))
            {
                throw new JobLaunchException("Only curators can start exports.");
            }

            var set = await db.CuratedSets.AsNoTracking().Where(s => s.Id == setId).Select(s => new { s.IsArchived }).SingleOrDefaultAsync(ct)
                ?? throw new JobLaunchException("That curated set does not exist.");
            if (set.IsArchived)
            {
                throw new JobLaunchException("The set is archived; restore it before exporting it.");
            }

            var pending = await db.ExportRuns.AsNoTracking()
                .Where(r => r.CuratedSetId == setId && r.Format == format
                    && (r.Status == ExportRunStatus.Queued || r.Status == ExportRunStatus.Running))
                .Select(r => new { r.Id, r.JobRunId })
                .ToListAsync(ct);
            foreach (var other in pending)
            {
                if (await IsScheduledAsync(other.JobRunId, ct))
                {
                    throw new JobLaunchException($"A {ExportFiles.DisplayName(format)} export of this set is already queued or running.");
                }

                await AbandonAsync(db, other.Id, ct);
            }

            db.JobRuns.Add(jobRun);
            db.ExportRuns.Add(run);
            db.AuditEntries.Add(ExportAudit.Entry(run, ExportAudit.Request, requestedBy, now));
            await db.SaveChangesAsync(ct);
        }

        try
        {
            await queue.ScheduleAsync(
                jobRun.Id, PortalJobs.Export.Key, new Dictionary<string, string> { [ExportJob.ExportRunIdKey] = run.Id.ToString() }, "export", ct);
        }
        catch (JobLaunchException ex)
        {
            // The job run is failed already; the export run the Exports page lists must say so too.
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await db.ExportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ExportRunStatus.Failed)
                .SetProperty(r => r.Message, "The export could not be scheduled; the background scheduler is unavailable. Start it again in a moment.")
                .SetProperty(r => r.Error, ex.InnerException!.ToString())
                .SetProperty(r => r.FinishedAt, time.GetUtcNow().UtcDateTime), CancellationToken.None);
            throw;
        }

        return (run.Id, jobRun.Id);
    }

    /// <summary>
    /// Whether a queued or running export still has its trigger: a run whose trigger is gone (the process died while
    /// it ran, or the database was restored) can never finish and must not block the set's exports for ever.
    /// </summary>
    private async Task<bool> IsScheduledAsync(Guid? jobRunId, CancellationToken ct)
    {
        if (jobRunId is not { } id)
        {
            return false;
        }

        try
        {
            var scheduler = await schedulers.GetScheduler(ct);
            return await scheduler.GetTrigger(new TriggerKey($"run-{id:N}", PortalJobs.Group), ct) is not null;
        }
        catch (SchedulerException)
        {
            // Cannot tell: err on the side of not starting a second export; scheduling would fail anyway.
            return true;
        }
    }

    private async Task AbandonAsync(PortalDbContext db, Guid runId, CancellationToken ct)
    {
        const string message = "The export was interrupted (the portal stopped while it ran); no files were published.";
        await db.ExportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ExportRunStatus.Failed)
            .SetProperty(r => r.Message, message)
            .SetProperty(r => r.FinishedAt, time.GetUtcNow().UtcDateTime), ct);
    }
}
