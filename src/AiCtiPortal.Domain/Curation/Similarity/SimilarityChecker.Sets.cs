using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Engine.Similarity;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// The set-based checks: MinHash over import sets, report text and prompt patterns, answered from the stored
/// signatures (SimilaritySignatureIndexer) by band-key lookups. Every candidate is verified against the live
/// catalogue (still published, signature of its current version or value) before it becomes a finding.
/// </summary>
public sealed partial class SimilarityChecker
{
    /// <summary>Items read per band key at most; a fuller key means a value shared by very many items.</summary>
    private int PerKeyLimit => Math.Max(4 * Options.CommonValueThreshold, 50);

    private async Task<List<SimilarityCandidate>> SimilarImportsAsync(PortalDbContext db, SimilaritySubmission submission, CancellationToken ct)
    {
        var found = new List<SimilarityCandidate>();
        var imports = SimilaritySets.ImportSet(submission.Indicators.Where(i => i.Type == IndicatorType.PickleImport).Select(i => i.NormalizedValue));
        if (imports.Count < Options.MinImportSetSize)
        {
            return found;
        }

        // The estimate only finds candidates (with some slack for its error); the exact Jaccard over the real sets decides.
        var result = await StoredSignatureQuery.QueryAsync(db, SimilaritySetKind.ReportImports, MinHashSignature.FromStrings(imports),
            Math.Max(0.05, Options.ImportSetJaccard - 0.15), PerKeyLimit, ct);
        var ids = result.Matches.Where(m => m.ElementCount >= Options.MinImportSetSize && !submission.OwnReports.Contains(m.ItemId)).Select(m => m.ItemId).ToList();
        var live = await LiveReportsAsync(db, SimilaritySetKind.ReportImports, ids, ct);
        if (live.Count == 0)
        {
            return found;
        }

        var theirs = (await ReportImportQuery.PublishedImportsAsync(db, live, ct))
            .ToDictionary(r => r.Key, r => SimilaritySets.ImportSet(r.Value));
        foreach (var (other, set) in theirs.OrderBy(t => t.Key))
        {
            var shared = imports.Count(set.Contains);
            var union = imports.Count + set.Count - shared;
            var jaccard = union == 0 ? 0 : (double)shared / union;
            if (jaccard >= Options.ImportSetJaccard)
            {
                found.Add(new SimilarityCandidate(SimilarityFindingKind.SimilarImportSet, null, "report", other, null, jaccard, jaccard,
                    Invariant($"Jaccard {jaccard:0.00} over {union} pickle imports ({shared} shared; the warning list's common imports left out).")));
            }
        }

        return found;
    }

    private async Task<List<SimilarityCandidate>> SimilarTextAsync(PortalDbContext db, SimilaritySubmission submission, CancellationToken ct)
    {
        var found = new List<SimilarityCandidate>();
        var shingles = SimilaritySets.TextShingles(submission.Title, submission.Summary, submission.Body);
        if (shingles.Count == 0)
        {
            return found;
        }

        var result = await StoredSignatureQuery.QueryAsync(db, SimilaritySetKind.ReportText, MinHashSignature.FromStrings(shingles), Options.TextJaccard, PerKeyLimit, ct);
        var candidates = result.Matches.Where(m => !submission.OwnReports.Contains(m.ItemId)).ToList();
        var live = await LiveReportsAsync(db, SimilaritySetKind.ReportText, candidates.Select(m => m.ItemId).ToList(), ct);
        foreach (var (other, score, _) in candidates.Where(m => live.Contains(m.ItemId)))
        {
            found.Add(new SimilarityCandidate(SimilarityFindingKind.SimilarText, null, "report", other, null, score, score,
                Invariant($"Report text (title, summary, body) close to a published report's: estimated Jaccard {score:0.00} (≥ {Options.TextJaccard:0.00}) over {SimilaritySets.TextShingleWords}-word phrases.")));
        }

        return found;
    }

    private async Task<List<SimilarityCandidate>> SimilarPromptsAsync(
        PortalDbContext db, SimilaritySubmission submission, List<SubmissionIndicator> indicators, CancellationToken ct)
    {
        var found = new List<SimilarityCandidate>();
        var own = submission.OwnIndicators;
        foreach (var prompt in indicators.Where(i => SimilaritySets.IsPrompt(i.Type)))
        {
            var signature = MinHashSignature.FromStrings(SimilaritySets.PromptShingles(prompt.NormalizedValue));
            var result = await StoredSignatureQuery.QueryAsync(db, SimilaritySetKind.Prompt, signature, Options.PromptJaccard, PerKeyLimit, ct);
            var candidates = result.Matches.Where(m => !own.Contains(m.ItemId)).ToList();
            var ids = candidates.Select(m => m.ItemId).ToList();
            var live = new Dictionary<Guid, string>();
            foreach (var chunk in ids.Chunk(500))
            {
                // Current value only: a signature of an older value (Source) does not count; identical values are the exact check's.
                // The status is checked here, not in SQL: see "Looking rows up by id" in README.md.
                var rows = await db.Indicators.AsNoTracking()
                    .Where(i => chunk.Contains(i.Id) && i.ValueHash != prompt.ValueHash
                        && db.SimilaritySignatures.Any(s => s.Kind == SimilaritySetKind.Prompt && s.ItemId == i.Id && s.Source == i.ValueHash))
                    .Select(i => new { i.Id, i.ValueHash, i.Status })
                    .ToListAsync(ct);
                foreach (var row in rows.Where(r => r.Status == ContentStatus.Published))
                {
                    live[row.Id] = row.ValueHash;
                }
            }

            var hits = candidates.Where(m => live.ContainsKey(m.ItemId)).ToList();
            if (result.Saturated || hits.Count > Options.CommonValueThreshold)
            {
                found.Add(CommonValue(SimilarityFindingKind.SimilarText, prompt, Math.Max(hits.Count, Options.CommonValueThreshold + 1), "resembles"));
                continue;
            }

            foreach (var (id, score, _) in hits)
            {
                found.Add(new SimilarityCandidate(SimilarityFindingKind.SimilarText, prompt.Id, prompt.ValueHash, null, id, score, score,
                    Invariant($"{IndicatorCatalogue.Describe(prompt.Type).DisplayName} close to a published one: estimated Jaccard {score:0.00} (≥ {Options.PromptJaccard:0.00}) over {SimilaritySets.PromptShingleCharacters}-character shingles.")));
            }
        }

        return found;
    }

    /// <summary>The candidates that are published reports (not proposals) whose stored signature is of their current version.</summary>
    private static async Task<HashSet<Guid>> LiveReportsAsync(PortalDbContext db, SimilaritySetKind kind, List<Guid> ids, CancellationToken ct)
    {
        var live = new HashSet<Guid>();
        foreach (var chunk in ids.Chunk(500))
        {
            // Status and proposal are checked here, not in SQL: see "Looking rows up by id" in README.md.
            live.UnionWith((await db.Reports.AsNoTracking()
                    .Where(r => chunk.Contains(r.Id)
                        && db.SimilaritySignatures.Any(s => s.Kind == kind && s.ItemId == r.Id && s.Source == "v" + r.Version.ToString()))
                    .Select(r => new { r.Id, r.Status, r.ProposalForId })
                    .ToListAsync(ct))
                .Where(r => r.Status == ContentStatus.Published && r.ProposalForId == null)
                .Select(r => r.Id));
        }

        return live;
    }
}
