using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// Starts ATLAS imports (through <see cref="AtlasImportQueue"/>) and retries failed runs of every job: the run must
/// exist and have failed, and the <see cref="IJobRetryHandler"/> registered for its job re-queues it from its recorded
/// parameters. Each retry is audited with the run it repeats, and a run is retried once: its retry, if that fails
/// too, is the one to retry next.
/// </summary>
internal sealed class QuartzJobLauncher(
    AtlasImportQueue atlasImports,
    IEnumerable<IJobRetryHandler> retryHandlers,
    IDbContextFactory<PortalDbContext> db,
    TimeProvider time,
    ILogger<QuartzJobLauncher> logger) : IJobLauncher
{
    public Task<Guid> EnqueueAtlasImportAsync(AtlasImportRequest request, string requestedBy, CancellationToken ct) =>
        atlasImports.EnqueueAsync(request, requestedBy, attempt: 1, ct);

    public async Task<Guid> RetryAsync(Guid jobRunId, string requestedBy, CancellationToken ct)
    {
        JobRun run;
        await using (var context = await db.CreateDbContextAsync(ct))
        {
            run = await context.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == jobRunId, ct)
                ?? throw new JobLaunchException("That job run does not exist.");
            if (run.Status != JobRunStatus.Failed)
            {
                throw new JobLaunchException($"Only a failed run can be retried; this one is {run.Status}.");
            }

            if ((await JobRetryAudit.RetriesOfAsync(context, [run], ct)).TryGetValue(run.Id, out var earlier))
            {
                throw new JobLaunchException($"This run was already retried as run {earlier:N}; if that one failed too, retry it instead.");
            }
        }

        var handler = retryHandlers.FirstOrDefault(h => h.JobName == run.JobName)
            ?? throw new JobLaunchException($"Runs of job '{run.JobName}' cannot be retried.");
        var retryId = await handler.RetryAsync(run, requestedBy, ct);

        await using (var context = await db.CreateDbContextAsync(CancellationToken.None))
        {
            context.AuditEntries.Add(JobRetryAudit.Entry(run, retryId, requestedBy, time.GetUtcNow().UtcDateTime));
            await context.SaveChangesAsync(CancellationToken.None);
        }

        logger.LogInformation("Job run {RunId} ({JobName}) retried as {RetryId} by {User}", run.Id, run.JobName, retryId, requestedBy);
        return retryId;
    }
}
