using System.Globalization;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// Measures a submission against the published catalogue. The database answers exact duplicates (one indexed
/// (Type, ValueHash) IN query), shared indicators and the MinHash questions (band keys of stored signatures); the
/// incrementally kept TLSH/ssdeep index answers near duplicates. Nothing here scans or rebuilds the catalogue, so a
/// check costs the same at 1,000,000 indicators as at 1,000. Reads only; <see cref="SimilarityFindingStore"/> stores.
/// </summary>
public sealed partial class SimilarityChecker(NearDuplicateIndexCache fingerprints, IOptions<SimilarityOptions> options)
{
    private SimilarityOptions Options => options.Value;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<SimilarityCandidate>> CheckAsync(PortalDbContext db, SimilaritySubmission submission, CancellationToken ct)
    {
        var found = new List<SimilarityCandidate>();
        var listed = new HashSet<Guid>();
        foreach (var indicator in submission.Indicators)
        {
            if (CommonValueWarningList.Reason(indicator.Type, indicator.NormalizedValue) is { } reason)
            {
                listed.Add(indicator.Id);
                found.Add(new SimilarityCandidate(SimilarityFindingKind.ExactDuplicateIndicator, indicator.Id, indicator.ValueHash, null, null, 0, 0,
                    $"Common value: this {Describe(indicator.Type)} is {reason}. It is on the curated warning list, so it is not linked to other items.",
                    IsCommonValue: true));
            }
        }

        var checkable = submission.Indicators.Where(i => !listed.Contains(i.Id)).ToList();
        found.AddRange(await ExactDuplicatesAsync(db, submission, checkable, ct));
        found.AddRange(await RelatedReportsAsync(db, submission, checkable, ct));
        found.AddRange(await NearDuplicatesAsync(db, submission, checkable, ct));
        found.AddRange(await SimilarImportsAsync(db, submission, ct));
        found.AddRange(await SimilarTextAsync(db, submission, ct));
        found.AddRange(await SimilarPromptsAsync(db, submission, checkable, ct));

        // One finding per pair: the first (most specific) reason wins.
        return found.DistinctBy(c => c.PairKey).ToList();
    }

    private static string Describe(IndicatorType type) => IndicatorCatalogue.Describe(type).DisplayName;

    private SimilarityCandidate CommonValue(SimilarityFindingKind kind, SubmissionIndicator indicator, int count, string what) =>
        new(kind, indicator.Id, indicator.ValueHash, null, null, 0, count,
            Invariant($"Common value: this {Describe(indicator.Type)} {what} more than {Options.CommonValueThreshold} published items, so it is summarised here instead of linked to each."),
            IsCommonValue: true);

    /// <summary>Published indicators with the same type and normalised value.</summary>
    private async Task<List<SimilarityCandidate>> ExactDuplicatesAsync(
        PortalDbContext db, SimilaritySubmission submission, List<SubmissionIndicator> indicators, CancellationToken ct)
    {
        var found = new List<SimilarityCandidate>();
        if (indicators.Count == 0)
        {
            return found;
        }

        // Type and hash only in SQL: the (Type, ValueHash) index is then the one plan. With the status as well, SQLite
        // (which never gets ANALYZE here) may walk the catalogue index across every published indicator of those types.
        var types = indicators.Select(i => i.Type).Distinct().ToList();
        var hashes = indicators.Select(i => i.ValueHash).Distinct().ToList();
        var own = submission.OwnIndicators;
        var matches = (await db.Indicators.AsNoTracking()
                .Where(i => types.Contains(i.Type) && hashes.Contains(i.ValueHash))
                .Select(i => new { i.Id, i.ValueHash, i.Status })
                .ToListAsync(ct))
            .Where(i => i.Status == ContentStatus.Published && !own.Contains(i.Id))
            .ToList();
        var counts = matches.GroupBy(i => i.ValueHash).ToDictionary(g => g.Key, g => g.Count());
        var common = counts.Where(c => c.Value > Options.CommonValueThreshold).Select(c => c.Key).ToHashSet();
        var rareMatches = matches.Where(i => !common.Contains(i.ValueHash)).ToList();
        var reports = await ReportsOfAsync(db, submission, rareMatches.Select(i => i.Id).ToList(), ct);
        var rows = rareMatches.Select(i => new { i.Id, i.ValueHash, ReportId = reports.GetValueOrDefault(i.Id) }).ToList();
        foreach (var indicator in indicators)
        {
            if (common.Contains(indicator.ValueHash))
            {
                found.Add(CommonValue(SimilarityFindingKind.ExactDuplicateIndicator, indicator, counts[indicator.ValueHash], "is already in"));
                continue;
            }

            foreach (var row in rows.Where(r => r.ValueHash == indicator.ValueHash))
            {
                found.Add(new SimilarityCandidate(SimilarityFindingKind.ExactDuplicateIndicator, indicator.Id, indicator.ValueHash, row.ReportId, row.Id, 1, 1,
                    $"Same {Describe(indicator.Type)} as a published indicator{(row.ReportId is null ? "" : " documented in a published report")} (identical normalised value)."));
            }
        }

        return found;
    }

    /// <summary>Published reports that already link indicators this submission links (a proposal's own report aside).</summary>
    private async Task<List<SimilarityCandidate>> RelatedReportsAsync(
        PortalDbContext db, SimilaritySubmission submission, List<SubmissionIndicator> indicators, CancellationToken ct)
    {
        var found = new List<SimilarityCandidate>();
        var shared = indicators.Where(i => i.Status == ContentStatus.Published).ToList();
        if (shared.Count == 0)
        {
            return found;
        }

        var links = await PublishedLinksAsync(db, submission, shared.Select(i => i.Id).ToList(), ct);
        var counts = links.GroupBy(l => l.IndicatorId).ToDictionary(g => g.Key, g => g.Count());
        var common = counts.Where(c => c.Value > Options.CommonValueThreshold).Select(c => c.Key).ToHashSet();
        foreach (var indicator in shared.Where(i => common.Contains(i.Id)))
        {
            found.Add(CommonValue(SimilarityFindingKind.RelatedPublishedItem, indicator, counts[indicator.Id], "is documented by"));
        }

        var rare = counts.Keys.Where(k => !common.Contains(k)).ToList();
        if (rare.Count == 0)
        {
            return found;
        }

        var rareIds = rare.ToHashSet();
        var pairs = links.Where(l => rareIds.Contains(l.IndicatorId)).ToList();
        foreach (var report in pairs.GroupBy(p => p.ReportId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key))
        {
            var count = report.Count();
            found.Add(new SimilarityCandidate(SimilarityFindingKind.RelatedPublishedItem, null, "report", report.Key, null,
                (double)count / indicators.Count, count,
                Invariant($"A published report already documents {count} of this submission's {indicators.Count} indicators.")));
        }

        return found;
    }

    /// <summary>TLSH and ssdeep fingerprints close to published ones, each candidate re-measured against its current value.</summary>
    private async Task<List<SimilarityCandidate>> NearDuplicatesAsync(
        PortalDbContext db, SimilaritySubmission submission, List<SubmissionIndicator> indicators, CancellationToken ct)
    {
        var found = new List<SimilarityCandidate>();
        var fuzzy = indicators.Where(i => i.Type is IndicatorType.ModelFileTlsh or IndicatorType.ModelFileSsdeep).ToList();
        if (fuzzy.Count == 0)
        {
            return found;
        }

        var index = await fingerprints.GetAsync(ct);
        var own = submission.OwnIndicators;
        var candidates = fuzzy.ToDictionary(i => i.Id, i => Candidates(index, i).Where(id => !own.Contains(id)).Distinct().ToList());
        var ids = candidates.Values.SelectMany(c => c).Distinct().ToList();
        var live = new Dictionary<Guid, (IndicatorType Type, string Value)>();
        foreach (var chunk in ids.Chunk(500))
        {
            // Only the id in SQL, the status checked here: see "Looking rows up by id" in README.md.
            foreach (var row in (await db.Indicators.AsNoTracking().Where(i => chunk.Contains(i.Id))
                .Select(i => new { i.Id, i.Type, i.NormalizedValue, i.Status }).ToListAsync(ct)).Where(i => i.Status == ContentStatus.Published))
            {
                live[row.Id] = (row.Type, row.NormalizedValue);
            }
        }

        var matches = new List<(SubmissionIndicator Subject, Guid Other, bool Tlsh, double Score)>();
        foreach (var indicator in fuzzy)
        {
            var hits = candidates[indicator.Id]
                .Where(live.ContainsKey)
                .Select(id => (Id: id, Score: Measure(indicator, live[id])))
                .Where(h => h.Score is not null)
                .Select(h => (indicator, h.Id, indicator.Type == IndicatorType.ModelFileTlsh, h.Score!.Value))
                .ToList();
            if (hits.Count > Options.CommonValueThreshold)
            {
                found.Add(CommonValue(SimilarityFindingKind.NearDuplicateArtifact, indicator, hits.Count, "is within the threshold of"));
                continue;
            }

            matches.AddRange(hits);
        }

        var reports = await ReportsOfAsync(db, submission, matches.Select(m => m.Other).Distinct().ToList(), ct);
        foreach (var (subject, other, tlsh, score) in matches.OrderBy(m => m.Tlsh ? m.Score : -m.Score).ThenBy(m => m.Other))
        {
            found.Add(new SimilarityCandidate(SimilarityFindingKind.NearDuplicateArtifact, subject.Id, subject.ValueHash, reports.GetValueOrDefault(other), other,
                tlsh ? 1 - (score / 100) : score / 100, score,
                tlsh
                    ? Invariant($"TLSH distance {score:0} (≤ {Options.TlshThreshold} threshold) to a published model-file TLSH.")
                    : Invariant($"ssdeep score {score:0} (≥ {Options.SsdeepMinScore}) against a published model-file ssdeep.")));
        }

        return found;
    }

    private IEnumerable<Guid> Candidates(NearDuplicateSnapshot index, SubmissionIndicator indicator)
    {
        if (indicator.Type == IndicatorType.ModelFileTlsh)
        {
            return TlshDigest.TryParse(indicator.NormalizedValue, out var digest) ? index.Tlsh(digest, Options.TlshThreshold) : [];
        }

        return SsdeepSignature.TryParse(indicator.NormalizedValue, out var signature) ? index.Ssdeep(signature, Options.SsdeepMinScore) : [];
    }

    /// <summary>The TLSH distance or ssdeep score against the other indicator's current value, when still within the threshold.</summary>
    private double? Measure(SubmissionIndicator indicator, (IndicatorType Type, string Value) other)
    {
        if (other.Type != indicator.Type)
        {
            return null;
        }

        if (indicator.Type == IndicatorType.ModelFileTlsh)
        {
            return TlshDigest.TryParse(indicator.NormalizedValue, out var a) && TlshDigest.TryParse(other.Value, out var b)
                && TlshDigest.Distance(a, b) is var distance && distance <= Options.TlshThreshold ? distance : null;
        }

        return SsdeepSignature.TryParse(indicator.NormalizedValue, out var x) && SsdeepSignature.TryParse(other.Value, out var y)
            && SsdeepSignature.Compare(x, y) is var score && score >= Options.SsdeepMinScore ? score : null;
    }

    /// <summary>For each indicator, one published report documenting it (the lowest id, so re-runs agree).</summary>
    private static async Task<Dictionary<Guid, Guid?>> ReportsOfAsync(PortalDbContext db, SimilaritySubmission submission, List<Guid> indicatorIds, CancellationToken ct)
    {
        if (indicatorIds.Count == 0)
        {
            return [];
        }

        var rows = await PublishedLinksAsync(db, submission, indicatorIds, ct);
        return rows.GroupBy(r => r.IndicatorId).ToDictionary(g => g.Key, g => (Guid?)g.Min(r => r.ReportId));
    }

    /// <summary>
    /// The indicators' links to published reports other than the submission's own. Two index-driven reads rather than
    /// one join: given the join, SQLite starts from the hundred thousand published reports and probes each for the
    /// indicators (seconds per query at a million indicators); the links of a few indicators are few.
    /// </summary>
    private static async Task<List<(Guid IndicatorId, Guid ReportId)>> PublishedLinksAsync(
        PortalDbContext db, SimilaritySubmission submission, List<Guid> indicatorIds, CancellationToken ct)
    {
        var links = new List<(Guid IndicatorId, Guid ReportId)>();
        foreach (var chunk in indicatorIds.Chunk(500))
        {
            links.AddRange((await db.ReportIndicators.AsNoTracking().Where(l => chunk.Contains(l.IndicatorId))
                .Select(l => new { l.IndicatorId, l.ReportId }).ToListAsync(ct)).Select(l => (l.IndicatorId, l.ReportId)));
        }

        var own = submission.OwnReports;
        var published = new HashSet<Guid>();
        foreach (var chunk in links.Select(l => l.ReportId).Where(id => !own.Contains(id)).Distinct().Chunk(500))
        {
            // Only the id in SQL, the status checked here: see "Looking rows up by id" in README.md.
            published.UnionWith((await db.Reports.AsNoTracking().Where(r => chunk.Contains(r.Id))
                .Select(r => new { r.Id, r.Status }).ToListAsync(ct)).Where(r => r.Status == ContentStatus.Published).Select(r => r.Id));
        }

        return links.Where(l => published.Contains(l.ReportId)).ToList();
    }
}
