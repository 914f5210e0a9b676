using System.Text;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Catalogue;

public sealed partial class CatalogueSearchService
{
    private Task<int> CountAsync(PortalDbContext db, ReportSearchSql sql, CancellationToken ct) =>
        ScalarAsync(db, sql.Parameters, $"SELECT COUNT(*) FROM \"Reports\" r WHERE {sql.Where()}", ct);

    private async Task<List<ReportHit>> ReportPageAsync(
        PortalDbContext db, ReportSearchSql sql, CatalogueSort sort, int offset, int size, CancellationToken ct)
    {
        // Every order ends with the id, so rows with equal timestamps or scores keep their place across pages.
        var order = sort switch
        {
            CatalogueSort.Oldest => "r.\"PublishedAt\", r.\"Id\"",
            CatalogueSort.Score => "r.\"CatalogueScore\" DESC NULLS LAST, r.\"PublishedAt\" DESC, r.\"Id\" DESC",
            CatalogueSort.Confidence => "r.\"Confidence\" DESC, r.\"PublishedAt\" DESC, r.\"Id\" DESC",
            CatalogueSort.Title => "r.\"Title\", r.\"Id\"",
            _ => "r.\"PublishedAt\" DESC, r.\"Id\" DESC",
        };
        var p = sql.Parameters;
        var text =
            $"""
            SELECT r."Id", r."Title", r."Summary", r."Phases", r."Tlp", r."Confidence", r."PublishedAt", r."CatalogueScore",
                   r."AuthorId", COALESCE(u."DisplayName", '')
            FROM "Reports" r LEFT JOIN "AspNetUsers" u ON u."Id" = r."AuthorId"
            WHERE {sql.Where()}
            ORDER BY {order}
            LIMIT {p.Add(size)} OFFSET {p.Add(offset)}
            """;
        return await ReadAsync(db, p, text, r => new ReportHit(
            r.GetGuid(0), r.GetString(1), r.GetString(2), (SupplyChainPhase)r.GetInt32(3), (Tlp)r.GetInt32(4), r.GetInt32(5),
            Utc(r, 6), NullableDouble(r, 7), r.GetString(8), r.GetString(9)), ct);
    }

    /// <summary>
    /// Every facet but techniques in one pass over the visible, text-matching rows: per row a 0/1 flag for each
    /// active filter, then per facet value the sum of "this value AND every other filter passes". The total is the
    /// same sum with no facet left out.
    /// </summary>
    private async Task<(int Total, ReportFacets Facets)> ReportFacetsAsync(
        PortalDbContext db, ReportSearchSql sql, CatalogueQuery query, Tlp clearance, CancellationToken ct)
    {
        var p = sql.Parameters;
        var now = clock.GetUtcNow().UtcDateTime;
        var columns = new List<string> { $"SUM({sql.OthersPass(null)})" };
        void Count(ReportFacet facet, string condition) =>
            columns.Add($"SUM(CASE WHEN {condition} THEN {sql.OthersPass(facet)} ELSE 0 END)");

        foreach (var phase in CatalogueLabels.Phases)
        {
            Count(ReportFacet.Phase, $"(x.phases & {(int)phase}) <> 0");
        }

        var types = Enum.GetValues<IndicatorType>();
        foreach (var type in types)
        {
            Count(ReportFacet.IndicatorType, $"(x.mask & {CatalogueStatistics.Bit(type)}) <> 0");
        }

        var tlps = Enum.GetValues<Tlp>();
        foreach (var tlp in tlps)
        {
            Count(ReportFacet.Tlp, $"x.tlp = {(int)tlp}");
        }

        foreach (var band in CatalogueBands.Confidence)
        {
            Count(ReportFacet.Confidence, $"x.confidence BETWEEN {band.Min} AND {band.Max}");
        }

        foreach (var band in CatalogueBands.Published)
        {
            Count(ReportFacet.Published, $"x.published >= {p.Add(now.AddDays(-band.Min!.Value))}");
        }

        foreach (var band in CatalogueBands.Score)
        {
            Count(ReportFacet.Score, $"x.score >= {band.Min}");
        }

        var text = new StringBuilder("SELECT ").AppendJoin(",\n  ", columns).Append(
            $"""

            FROM (SELECT r."Phases" AS phases, COALESCE(r."IndicatorTypeMask", 0) AS mask, r."Tlp" AS tlp,
                         r."Confidence" AS confidence, r."PublishedAt" AS published, r."CatalogueScore" AS score{sql.FlagColumns()}
                  FROM "Reports" r WHERE {sql.Base}) x
            """).ToString();
        var counts = (await ReadAsync(db, p, text, r => Enumerable.Range(0, r.FieldCount).Select(i => Int(r, i)).ToArray(), ct)).Single();
        var techniques = await TechniqueFacetAsync(db, sql, query, ct);

        var at = 1;
        List<FacetCount> Take<T>(IEnumerable<T> values, Func<T, string> key, Func<T, string> label) =>
            values.Select(v => new FacetCount(key(v), label(v), counts[at++])).ToList();

        var facets = new ReportFacets(
            Take(CatalogueLabels.Phases, v => v.ToString(), CatalogueLabels.Of),
            techniques,
            Take(types, v => v.ToString(), CatalogueLabels.Of),
            // Levels above the clearance only ever count the viewer's own reports; list them only when there are some.
            Take(tlps, v => v.ToString(), CatalogueLabels.Of)
                .Where((f, i) => tlps[i] <= clearance || f.Count > 0).ToList(),
            Take(CatalogueBands.Confidence, b => b.Key, b => b.Label),
            Take(CatalogueBands.Published, b => b.Key, b => b.Label),
            Take(CatalogueBands.Score, b => b.Key, b => b.Label));
        return (counts[0], facets);
    }

    private async Task<IReadOnlyList<FacetCount>> TechniqueFacetAsync(
        PortalDbContext db, ReportSearchSql sql, CatalogueQuery query, CancellationToken ct)
    {
        var p = sql.Parameters;
        var others = string.Join(" AND ",
            new[] { sql.Base }.Concat(sql.Filters.Where(f => f.Key != ReportFacet.Technique).Select(f => f.Value)));
        var selectedFirst = query.TechniqueIds.Count == 0
            ? ""
            : $"CASE WHEN t.\"TechniqueId\" IN ({p.List(query.TechniqueIds.Distinct())}) THEN 0 ELSE 1 END, ";
        var text =
            $"""
            SELECT t."TechniqueId", COUNT(*) FROM "ReportTechniques" t JOIN "Reports" r ON r."Id" = t."ReportId"
            WHERE {others}
            GROUP BY t."TechniqueId"
            ORDER BY {selectedFirst}COUNT(*) DESC, t."TechniqueId"
            LIMIT {p.Add(TechniqueFacetSize + query.TechniqueIds.Count)}
            """;
        var rows = await ReadAsync(db, p, text, r => (Id: r.GetString(0), Count: Int(r, 1)), ct);

        // A selected technique no visible report uses still gets its chip and a zero.
        rows.AddRange(query.TechniqueIds.Distinct().Where(id => rows.All(r => r.Id != id)).Select(id => (id, 0)));
        var ids = rows.Select(r => r.Id).ToList();
        var names = await db.AtlasTechniques.AsNoTracking().Where(t => ids.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return rows.Select(r => new FacetCount(r.Id, names.TryGetValue(r.Id, out var name) ? $"{r.Id} {name}" : r.Id, r.Count)).ToList();
    }
}
