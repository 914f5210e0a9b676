using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Catalogue;

internal sealed partial class CatalogueSearchService
{
    /// <summary>A shared indicator says more than a shared technique: dozens of reports map the same technique.</summary>
    private const int IndicatorWeight = 3;

    public async Task<IReadOnlyList<RelatedReport>> RelatedReportsAsync(
        Guid reportId, Tlp clearance, string? userId, int max = 10, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var p = new SqlParameters(db.Database.IsSqlite());
        var id = p.Add(reportId);
        var ceiling = p.Add(clearance);
        var user = userId is null ? null : p.Add(userId);
        var published = $"'{nameof(ContentStatus.Published)}'";

        // Only indicators the viewer may see count as shared, so a hidden indicator never links two reports.
        string Visible(string alias, string owner) => user is null
            ? $"{alias}.\"Status\" = {published} AND {alias}.\"Tlp\" <= {ceiling}"
            : $"{alias}.\"Status\" = {published} AND ({alias}.\"Tlp\" <= {ceiling} OR {alias}.\"{owner}\" = {user})";

        var text =
            $"""
            SELECT r."Id", r."Title", r."Tlp", r."PublishedAt", s.indicators, s.techniques
            FROM (SELECT x.id, SUM(x.indicator) AS indicators, SUM(x.technique) AS techniques FROM (
                    SELECT other."ReportId" AS id, 1 AS indicator, 0 AS technique
                    FROM "ReportIndicators" mine
                    JOIN "Indicators" i ON i."Id" = mine."IndicatorId"
                    JOIN "ReportIndicators" other ON other."IndicatorId" = mine."IndicatorId"
                    WHERE mine."ReportId" = {id} AND other."ReportId" <> {id} AND {Visible("i", "CreatedById")}
                    UNION ALL
                    SELECT other."ReportId", 0, 1
                    FROM "ReportTechniques" mine
                    JOIN "ReportTechniques" other ON other."TechniqueId" = mine."TechniqueId"
                    WHERE mine."ReportId" = {id} AND other."ReportId" <> {id}) x
                  GROUP BY x.id) s
            JOIN "Reports" r ON r."Id" = s.id
            WHERE {Visible("r", "AuthorId")}
            ORDER BY {IndicatorWeight} * s.indicators + s.techniques DESC, r."PublishedAt" DESC, r."Id" DESC
            LIMIT {p.Add(Math.Clamp(max, 1, 50))}
            """;
        return await ReadAsync(db, p, text, r => new RelatedReport(
            r.GetGuid(0), r.GetString(1), (Tlp)r.GetInt32(2), Utc(r, 3), Int(r, 4), Int(r, 5)), ct);
    }

    public async Task<ReportScores?> ScoresAsync(Guid reportId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var version = await db.Reports.AsNoTracking()
            .Where(r => r.Id == reportId && r.Status == ContentStatus.Published)
            .Select(r => (int?)r.Version)
            .SingleOrDefaultAsync(ct);
        if (version is null)
        {
            return null;
        }

        var reviews = (await CatalogueStatistics.ReviewsBehindAsync(db, reportId, version.Value, ct))
            .Where(r => CatalogueStatistics.RubricMean(r) is not null)
            .ToList();
        return reviews.Count == 0 ? null : new ReportScores(
            reviews.Count,
            CatalogueStatistics.ScoreOf(reviews) ?? 0,
            reviews.Average(r => r.EvidenceScore),
            reviews.Average(r => r.SpecificityScore),
            reviews.Average(r => r.CorrectnessScore),
            reviews.Average(r => r.NoveltyScore),
            reviews.Average(r => r.CompletenessScore));
    }

    public async Task<ContributorReputation?> ReputationAsync(
        string authorId, Tlp clearance, string? userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var name = await db.Users.AsNoTracking().Where(u => u.Id == authorId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }

        // Counted over what the viewer may see, so a reputation never reveals how much someone published above it.
        var accepted = db.Reports.AsNoTracking().Where(r =>
            r.AuthorId == authorId && r.Status == ContentStatus.Published && (r.Tlp <= clearance || r.AuthorId == userId));
        var figures = await accepted
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Mean = g.Average(r => r.CatalogueScore) })
            .SingleOrDefaultAsync(ct);
        return new ContributorReputation(authorId, name, figures?.Count ?? 0,
            figures?.Mean is { } mean ? Math.Round(mean, 2) : null);
    }
}
