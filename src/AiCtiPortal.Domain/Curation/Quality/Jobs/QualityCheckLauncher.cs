using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Jobs;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// Queues quality checks and is their retry handler (<see cref="ReportCheckLauncher"/>); also starts the nightly
/// re-check on demand, whose retries <see cref="RecheckRetry"/> handles.
/// </summary>
public sealed class QualityCheckLauncher(JobRunQueue queue, IDbContextFactory<PortalDbContext> db)
    : ReportCheckLauncher(queue, db, QualityJobs.Check, "quality check")
{
    /// <summary>Starts the nightly re-check now (curators, tests, a retry); returns its JobRun id.</summary>
    public Task<Guid> EnqueueRecheckAsync(string requestedBy, CancellationToken ct, int attempt = 1) =>
        Queue.QueueAsync(QualityJobs.Recheck, requestedBy, parameters: null, attempt, new Dictionary<string, string>(), "quality re-check", ct);
}

/// <summary>Retries a failed nightly re-check: it has no inputs, so it simply runs again now.</summary>
public sealed class RecheckRetry(QualityCheckLauncher launcher) : IJobRetryHandler
{
    public string JobName => QualityRecheckJob.Name;

    public Task<Guid> RetryAsync(JobRun failed, string requestedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return launcher.EnqueueRecheckAsync(requestedBy, ct, failed.Attempt + 1);
    }
}
