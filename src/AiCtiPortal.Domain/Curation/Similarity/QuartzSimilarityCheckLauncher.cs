using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// Queues similarity checks and is their retry handler (<see cref="ReportCheckLauncher"/>). Also the workflow's
/// submission hook: every submission, resubmission and proposal gets a check of the version it just created.
/// </summary>
internal sealed class QuartzSimilarityCheckLauncher(
    JobRunQueue queue,
    IDbContextFactory<PortalDbContext> db,
    ILogger<QuartzSimilarityCheckLauncher> logger)
    : ReportCheckLauncher(queue, db, PortalJobs.SimilarityCheck, "similarity check"), ISimilarityCheckLauncher, IReportSubmittedHook
{
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
