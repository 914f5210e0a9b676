using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Jobs;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// Queues quality checks (through <see cref="JobRunQueue"/>). Also the retry handler of both quality jobs (see <see cref="RecheckRetry"/>).
/// </summary>
public sealed class QualityCheckLauncher(JobRunQueue queue, IDbContextFactory<PortalDbContext> db, TimeProvider time) : IJobRetryHandler
{
    public string JobName => QualityCheckJob.Name;

    public Task<Guid> EnqueueAsync(Guid reportId, int version, string requestedBy, CancellationToken ct) =>
        EnqueueAsync(new QualityCheckParameters(reportId, version), requestedBy, attempt: 1, ct);

    /// <summary>The same version again, unless the report is gone or has moved on (its new version got its own check).</summary>
    public async Task<Guid> RetryAsync(JobRun failed, string requestedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var parameters = JobRunParameters.Read<QualityCheckParameters>(failed);
        await ReportCheckRetry.EnsureStillCurrentAsync(db, parameters.ReportId, parameters.Version, ct);
        return await EnqueueAsync(parameters, requestedBy, failed.Attempt + 1, ct);
    }

    private Task<Guid> EnqueueAsync(QualityCheckParameters parameters, string requestedBy, int attempt, CancellationToken ct) =>
        queue.QueueAsync(
            new JobRun
            {
                JobName = QualityCheckJob.Name,
                RequestedBy = requestedBy,
                ParametersJson = JsonSerializer.Serialize(parameters),
                QueuedAt = time.GetUtcNow().UtcDateTime,
                Attempt = attempt,
            },
            PortalJobs.QualityCheck.Key,
            ReportCheckJob.Data(parameters.ReportId, parameters.Version),
            "quality check",
            ct);

    /// <summary>Starts the nightly re-check now (curators, tests, a retry); returns its JobRun id.</summary>
    public Task<Guid> EnqueueRecheckAsync(string requestedBy, CancellationToken ct, int attempt = 1) =>
        queue.QueueAsync(
            new JobRun { JobName = QualityRecheckJob.Name, RequestedBy = requestedBy, QueuedAt = time.GetUtcNow().UtcDateTime, Attempt = attempt },
            PortalJobs.QualityRecheck.Key,
            new Dictionary<string, string>(),
            "quality re-check",
            ct);
}

/// <summary>What a quality check's JobRun records, so a failed check can be retried as it was.</summary>
public sealed record QualityCheckParameters(Guid ReportId, int Version);

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
