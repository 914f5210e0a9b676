using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// One similarity check of one submission version: bring the stored signatures up to date with what was published
/// since the last check, load the submission, measure it, store the findings.
/// </summary>
public sealed class SimilarityCheckService(
    IDbContextFactory<PortalDbContext> contexts, SimilaritySignatureIndexer indexer, SimilarityChecker checker, SimilarityFindingStore store)
{
    public async Task<SimilarityCheckOutcome> RunAsync(Guid reportId, int version, IProgress<int>? progress, CancellationToken ct)
    {
        IReadOnlyList<SimilarityCandidate> candidates;
        await indexer.CatchUpAsync(ct);
        progress?.Report(5);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var submission = await SimilaritySubmission.LoadAsync(db, reportId, ct);
            if (submission is null)
            {
                return SimilarityCheckOutcome.ReportMissing(reportId);
            }

            if (submission.Version != version)
            {
                return SimilarityCheckOutcome.VersionChanged(reportId, version, submission.Version);
            }

            progress?.Report(10);
            candidates = await checker.CheckAsync(db, submission, ct);
        }

        progress?.Report(80);
        return await store.ReplaceOpenAsync(reportId, version, candidates, ct);
    }
}
