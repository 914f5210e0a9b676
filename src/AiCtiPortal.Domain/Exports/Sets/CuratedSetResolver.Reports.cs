using System.Runtime.CompilerServices;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Sets;

public sealed partial class CuratedSetResolver
{
    /// <summary>Reports whose lists are fetched together: few round trips, bounded memory.</summary>
    internal const int ReportBatchSize = 500;

    private sealed record ReportRow(
        Guid Id, int Version, string Title, string Summary, Tlp Tlp, int Confidence, DateTime CreatedAt, DateTime UpdatedAt,
        DateTime PublishedAt, double? Score);

    /// <summary>
    /// The set's reports, oldest change first (UpdatedAt, then Id); with <paramref name="changedSince"/>, only those
    /// changed after it. The report rows stream from one query; each batch's indicator ids (only indicators this set
    /// itself contains, so references never point outside the export or above its ceiling), techniques, references
    /// and review counts come from a second context, since PostgreSQL cannot run a query while another is being read.
    /// </summary>
    public async IAsyncEnumerable<ReportExport> ReportsAsync(
        CuratedSetScope scope, DateTime? changedSince = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var details = await contexts.CreateDbContextAsync(ct);
        var rows = Since(CuratedSetQueries.Reports(db, scope), changedSince)
            .Where(r => r.UpdatedAt >= CuratedSetQueries.Earliest)
            .OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id)
            .Select(r => new ReportRow(
                r.Id, r.Version, r.Title, r.Summary, r.Tlp, r.Confidence, r.CreatedAt, r.UpdatedAt, r.PublishedAt ?? r.UpdatedAt,
                r.CatalogueScore))
            .AsAsyncEnumerable();
        var batch = new List<ReportRow>(ReportBatchSize);
        await foreach (var row in rows.WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count < ReportBatchSize)
            {
                continue;
            }

            foreach (var report in await CompleteAsync(details, scope, batch, ct))
            {
                yield return report;
            }

            batch.Clear();
        }

        foreach (var report in await CompleteAsync(details, scope, batch, ct))
        {
            yield return report;
        }
    }

    private static async Task<List<ReportExport>> CompleteAsync(
        PortalDbContext db, CuratedSetScope scope, List<ReportRow> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        var links = await CuratedSetLinks.ReadAsync(db, scope, batch.Select(r => r.Id).ToList(), ct);
        var reviews = await ReviewCountsAsync(db, batch, ct);

        return batch.Select(r => new ReportExport(
                r.Id, r.Version, r.Title, r.Summary, r.Tlp, r.Confidence, r.CreatedAt, r.UpdatedAt, r.PublishedAt,
                links.IndicatorsOf(r.Id), links.TechniquesOf(r.Id), links.ReferencesOf(r.Id),
                r.Score,
                reviews.GetValueOrDefault(r.Id)))
            .ToList();
    }

    /// <summary>
    /// How many scored reviews stand behind each report's score: those of its current version, or, once a proposal has
    /// changed it, those that accepted the latest merged proposal (CatalogueStatistics.ReviewsBehindAsync's rule, for a
    /// whole batch in two queries).
    /// </summary>
    private static async Task<Dictionary<Guid, int>> ReviewCountsAsync(PortalDbContext db, List<ReportRow> batch, CancellationToken ct)
    {
        var ids = batch.Select(r => r.Id).ToList();
        var proposals = await db.Reports.AsNoTracking()
            .Where(p => p.ProposalForId != null && ids.Contains(p.ProposalForId.Value) && p.Status == ContentStatus.Merged)
            .Select(p => new { Target = p.ProposalForId!.Value, p.Id, p.Version, p.UpdatedAt })
            .ToListAsync(ct);
        var latest = proposals.GroupBy(p => p.Target).ToDictionary(
            g => g.Key,
            g => g.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id.ToString(), StringComparer.Ordinal).First());
        var sources = batch.ToDictionary(
            r => r.Id,
            r => latest.TryGetValue(r.Id, out var p) ? (Id: p.Id, Version: p.Version) : (Id: r.Id, Version: r.Version));

        var sourceIds = sources.Values.Select(s => s.Id).ToList();
        const int min = RubricScores.Min, max = RubricScores.Max;
        var counts = await db.Reviews.AsNoTracking()
            .Where(v => sourceIds.Contains(v.ReportId)
                && v.EvidenceScore >= min && v.EvidenceScore <= max
                && v.SpecificityScore >= min && v.SpecificityScore <= max
                && v.CorrectnessScore >= min && v.CorrectnessScore <= max
                && v.NoveltyScore >= min && v.NoveltyScore <= max
                && v.CompletenessScore >= min && v.CompletenessScore <= max)
            .GroupBy(v => new { v.ReportId, v.ReportVersion })
            .Select(g => new { g.Key.ReportId, g.Key.ReportVersion, Count = g.Count() })
            .ToListAsync(ct);
        return sources.ToDictionary(
            s => s.Key,
            s => counts.Where(c => c.ReportId == s.Value.Id && c.ReportVersion == s.Value.Version).Sum(c => c.Count));
    }
}
