using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// Queues checks (through <see cref="JobRunQueue"/>). Also the workflow's submission hook: every submission, resubmission and proposal
/// gets a check of the version it just created. And the check's retry handler: the same report and version again,
/// provided that version is still the report's current one.
/// </summary>
internal sealed class QuartzSimilarityCheckLauncher(
    JobRunQueue queue,
    IDbContextFactory<PortalDbContext> db,
    TimeProvider time,
    ILogger<QuartzSimilarityCheckLauncher> logger) : ISimilarityCheckLauncher, IReportSubmittedHook, IJobRetryHandler
{
    public string JobName => SimilarityCheckJob.Name;

    public Task<Guid> EnqueueAsync(Guid reportId, int version, string requestedBy, CancellationToken ct) =>
        EnqueueAsync(new SimilarityCheckParameters(reportId, version), requestedBy, attempt: 1, ct);

    /// <summary>
    /// Checks the same version again. A report deleted since, or moved on to a newer version (which got its own check
    /// when it was submitted), is refused with that reason, before anything is recorded.
    /// </summary>
    public async Task<Guid> RetryAsync(JobRun failed, string requestedBy, CancellationToken ct)
    {
        var parameters = JobRunParameters.Read<SimilarityCheckParameters>(failed);
        await ReportCheckRetry.EnsureStillCurrentAsync(db, parameters.ReportId, parameters.Version, ct);
        return await EnqueueAsync(parameters, requestedBy, failed.Attempt + 1, ct);
    }

    private Task<Guid> EnqueueAsync(SimilarityCheckParameters parameters, string requestedBy, int attempt, CancellationToken ct) =>
        queue.QueueAsync(
            new JobRun
            {
                JobName = SimilarityCheckJob.Name,
                RequestedBy = requestedBy,
                ParametersJson = JsonSerializer.Serialize(parameters),
                QueuedAt = time.GetUtcNow().UtcDateTime,
                Attempt = attempt,
            },
            PortalJobs.SimilarityCheck.Key,
            ReportCheckJob.Data(parameters.ReportId, parameters.Version),
            "similarity check",
            ct);

    public async Task SubmittedAsync(Guid reportId, int version, string actorId, CancellationToken ct)
    {
        try
        {
            await EnqueueAsync(reportId, version, actorId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The submission is saved; a missing check must not undo it or show the author an error. The failed
            // JobRun (or this log line) tells curators, and the next submission queues a check again.
            logger.LogError(ex, "Could not queue the similarity check of report {ReportId} v{Version}", reportId, version);
        }
    }
}
