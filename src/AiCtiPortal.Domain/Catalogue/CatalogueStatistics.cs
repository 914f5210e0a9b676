using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// The per-report figures the catalogue filters, sorts and counts by, computed once when a report is published
/// instead of per search: its score (mean of the published version's reviews' rubric means) and the mask of the
/// indicator types it documents.
/// </summary>
public static class CatalogueStatistics
{
    /// <summary>Sets both figures on a report being published; its indicators must be loaded.</summary>
    public static void Apply(ThreatReport report, IEnumerable<Review> reviewsOfPublishedVersion)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.CatalogueScore = ScoreOf(reviewsOfPublishedVersion.Where(r => r.ReportVersion == report.Version));
        report.IndicatorTypeMask = MaskOf(report.Indicators.Select(l => l.Indicator?.Type).OfType<IndicatorType>());
    }

    /// <summary>
    /// The reviews behind a published report's current content: the reviews of its own current version until a
    /// proposal changes it; from then on, those that accepted the latest proposal (they stay on the proposal's row,
    /// as a published report changes only through proposals).
    /// </summary>
    public static async Task<List<Review>> ReviewsBehindAsync(PortalDbContext db, Guid reportId, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var proposal = await db.Reports.AsNoTracking()
            .Where(p => p.ProposalForId == reportId && p.Status == ContentStatus.Merged)
            .OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)
            .Select(p => new { p.Id, p.Version })
            .FirstOrDefaultAsync(ct);
        var (source, sourceVersion) = proposal is null ? (reportId, version) : (proposal.Id, proposal.Version);
        return await db.Reviews.AsNoTracking().Where(r => r.ReportId == source && r.ReportVersion == sourceVersion).ToListAsync(ct);
    }

    /// <summary>Mean of the reviews' rubric means (each 1-5); null when no review carries scores.</summary>
    public static double? ScoreOf(IEnumerable<Review> reviews)
    {
        var means = reviews.Select(RubricMean).OfType<double>().ToList();
        return means.Count == 0 ? null : Math.Round(means.Average(), 4);
    }

    public static double? RubricMean(Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
        int[] scores = [review.EvidenceScore, review.SpecificityScore, review.CorrectnessScore, review.NoveltyScore, review.CompletenessScore];
        return scores.Any(s => s is < RubricScores.Min or > RubricScores.Max) ? null : scores.Average();
    }

    public static long Bit(IndicatorType type) => 1L << (int)type;

    public static long MaskOf(IEnumerable<IndicatorType> types) => types.Aggregate(0L, (mask, type) => mask | Bit(type));

    /// <summary>
    /// Computes both figures for published reports that lack them (rows inserted by the demo seed, an import or a
    /// load generator). Set-based, so 100,000 reports take one statement. Returns the rows updated.
    /// </summary>
    public static Task<int> RefreshMissingAsync(PortalDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlRawAsync(RefreshMissingSql, ct);
    }

    /// <summary>
    /// Portable SQL: SUM(DISTINCT bit) is the OR of distinct bits (SQLite has no bit_or), and types are stored by
    /// name, so the CASE maps each name to its bit. Scores only count reviews whose five scores are all 1-5.
    /// </summary>
    public static string RefreshMissingSql { get; } = BuildRefreshSql();

    private static string BuildRefreshSql()
    {
        var bits = string.Join(" ", Enum.GetValues<IndicatorType>().Select(t => $"WHEN '{t}' THEN {Bit(t)}"));
        string[] columns = ["EvidenceScore", "SpecificityScore", "CorrectnessScore", "NoveltyScore", "CompletenessScore"];
        var sum = string.Join(" + ", columns.Select(c => $"v.\"{c}\""));
        var valid = string.Join(" AND ", columns.Select(c => $"v.\"{c}\" BETWEEN {RubricScores.Min} AND {RubricScores.Max}"));
        return
            $"""
            UPDATE "Reports" SET
                "IndicatorTypeMask" = COALESCE((SELECT SUM(DISTINCT CASE i."Type" {bits} ELSE 0 END)
                    FROM "ReportIndicators" ri JOIN "Indicators" i ON i."Id" = ri."IndicatorId"
                    WHERE ri."ReportId" = "Reports"."Id"), 0),
                "CatalogueScore" = (SELECT ROUND(AVG(({sum}) / 5.0), 4) FROM "Reviews" v
                    WHERE v."ReportId" = "Reports"."Id" AND v."ReportVersion" = "Reports"."Version" AND {valid})
            WHERE "Status" = 'Published' AND "IndicatorTypeMask" IS NULL
            """;
    }
}
