using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Catalogue;

public sealed partial class CatalogueSearchService
{
    private sealed record IndicatorGroup(IndicatorType Type, Tlp Tlp, int Count);

    /// <summary>
    /// Counts per (type, TLP) of the visible, text-matching indicators: at most 70 groups from one pass over an
    /// index, from which both facets and the total follow with each facet leaving out its own filter.
    /// </summary>
    private async Task<List<IndicatorGroup>> IndicatorGroupsAsync(PortalDbContext db, IndicatorSearchSql sql, CancellationToken ct)
    {
        var text = $"SELECT i.\"Type\", i.\"Tlp\", COUNT(*) FROM \"Indicators\" i WHERE {sql.Base} GROUP BY i.\"Type\", i.\"Tlp\"";
        var rows = await ReadAsync(db, sql.Parameters, text, r => (Type: r.GetString(0), Tlp: r.GetInt32(1), Count: Int(r, 2)), ct);

        // Types are stored by name; a name this build does not know (a newer catalogue) is not listed.
        return rows.Where(r => Enum.TryParse<IndicatorType>(r.Type, out _))
            .Select(r => new IndicatorGroup(Enum.Parse<IndicatorType>(r.Type), (Tlp)r.Tlp, r.Count)).ToList();
    }

    private static IndicatorFacets IndicatorFacetsOf(List<IndicatorGroup> groups, IndicatorCatalogueQuery query, Tlp clearance)
    {
        var types = query.Types.ToHashSet();
        var tlps = query.Tlps.ToHashSet();
        var byType = Enum.GetValues<IndicatorType>()
            .Select(t => new FacetCount(t.ToString(), CatalogueLabels.Of(t),
                groups.Where(g => g.Type == t && (tlps.Count == 0 || tlps.Contains(g.Tlp))).Sum(g => g.Count)))
            .ToList();
        var byTlp = Enum.GetValues<Tlp>()
            .Select(l => (Tlp: l, Facet: new FacetCount(l.ToString(), CatalogueLabels.Of(l),
                groups.Where(g => g.Tlp == l && (types.Count == 0 || types.Contains(g.Type))).Sum(g => g.Count))))
            .Where(x => x.Tlp <= clearance || x.Facet.Count > 0)
            .Select(x => x.Facet)
            .ToList();
        return new IndicatorFacets(byType, byTlp);
    }

    private async Task<List<IndicatorHit>> IndicatorPageAsync(
        PortalDbContext db, IndicatorSearchSql sql, IndicatorCatalogueSort sort, int offset, int size, CancellationToken ct)
    {
        var order = sort switch
        {
            IndicatorCatalogueSort.Oldest => "i.\"UpdatedAt\", i.\"Id\"",
            IndicatorCatalogueSort.Confidence => "i.\"Confidence\" DESC, i.\"UpdatedAt\" DESC, i.\"Id\" DESC",
            IndicatorCatalogueSort.Value => "i.\"NormalizedValue\", i.\"Id\"",
            _ => "i.\"UpdatedAt\" DESC, i.\"Id\" DESC",
        };
        var p = sql.Parameters;
        var text =
            $"""
            SELECT i."Id", i."Type", i."NormalizedValue", i."Tlp", i."Confidence", i."UpdatedAt"
            FROM "Indicators" i WHERE {sql.Where()}
            ORDER BY {order}
            LIMIT {p.Add(size)} OFFSET {p.Add(offset)}
            """;
        return await ReadAsync(db, p, text, r => new IndicatorHit(
            r.GetGuid(0), Enum.TryParse<IndicatorType>(r.GetString(1), out var type) ? type : default,
            r.GetString(2), (Tlp)r.GetInt32(3), r.GetInt32(4), Utc(r, 5)), ct);
    }
}
