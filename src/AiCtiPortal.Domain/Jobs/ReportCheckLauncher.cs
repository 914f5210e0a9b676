using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>What a report check's JobRun records (JobRun.ParametersJson), so a failed check can be retried as it was queued.</summary>
public sealed record ReportCheckParameters(Guid ReportId, int Version);

/// <summary>
/// Queues a check of one submission version (the similarity and quality checks, through <see cref="JobRunQueue"/>) and
/// is its retry handler: the same report and version again, refused with the reason, before anything is recorded,
/// when the report was deleted since or moved on to a newer version (which got its own check when it was submitted).
/// </summary>
public abstract class ReportCheckLauncher(
    JobRunQueue queue, IDbContextFactory<PortalDbContext> db, PortalJobDefinition job, string what) : IJobRetryHandler
{
    public string JobName => job.Name;

    protected JobRunQueue Queue => queue;

    /// <summary>Records a queued JobRun and schedules the check at once; returns the JobRun id.</summary>
    public Task<Guid> EnqueueAsync(Guid reportId, int version, string requestedBy, CancellationToken ct) =>
        EnqueueAsync(new ReportCheckParameters(reportId, version), requestedBy, attempt: 1, ct);

    public async Task<Guid> RetryAsync(JobRun failed, string requestedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var parameters = JobRunParameters.Read<ReportCheckParameters>(failed);
        await using (var context = await db.CreateDbContextAsync(ct))
        {
            var current = await context.Reports.AsNoTracking().Where(r => r.Id == parameters.ReportId)
                .Select(r => (int?)r.Version).SingleOrDefaultAsync(ct)
                ?? throw new JobLaunchException($"Report {parameters.ReportId} has been deleted since this check ran; there is nothing to check.");
            if (current != parameters.Version)
            {
                throw new JobLaunchException(
                    $"Report {parameters.ReportId} is now at version {current}; version {parameters.Version} is no longer current, " +
                    "and the newer version was checked when it was submitted.");
            }
        }

        return await EnqueueAsync(parameters, requestedBy, failed.Attempt + 1, ct);
    }

    private Task<Guid> EnqueueAsync(ReportCheckParameters parameters, string requestedBy, int attempt, CancellationToken ct) =>
        queue.QueueAsync(job, requestedBy, parameters, attempt, ReportCheckJob.Data(parameters.ReportId, parameters.Version), what, ct);
}
