using AiCtiPortal.Domain.Reports;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// The workflow has one submission hook; this one tells whatever hook was registered before it (the similarity
/// check) and then queues the quality check, so every submission, resubmission and proposal gets both.
/// </summary>
internal sealed class QualitySubmittedHook(IReportSubmittedHook inner, QualityCheckLauncher launcher, ILogger<QualitySubmittedHook> logger)
    : IReportSubmittedHook
{
    public async Task SubmittedAsync(Guid reportId, int version, string actorId, CancellationToken ct)
    {
        await inner.SubmittedAsync(reportId, version, actorId, ct);
        try
        {
            await launcher.EnqueueAsync(reportId, version, actorId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The submission is saved; a missing check must not undo it. The failed JobRun (or this line) tells
            // curators, and the nightly re-check scores the item once it is published.
            logger.LogError(ex, "Could not queue the quality check of report {ReportId} v{Version}", reportId, version);
        }
    }
}
