using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Catalogue;

internal sealed partial class CatalogueSearchService
{
    /// <summary>The page's rows by primary key, in the page's order.</summary>
    private async Task<List<ReportHit>> ReportRowsAsync(PortalDbContext db, ReportColumns reports, int[] positions, CancellationToken ct)
    {
        if (positions.Length == 0)
        {
            return [];
        }

        var p = new SqlParameters(db.Database.IsSqlite());
        var ids = p.List(positions.Select(position => reports.Ids[position]));
        var text =
            $"""
            SELECT r."Id", r."Title", r."Summary", r."Phases", r."Tlp", r."Confidence", r."PublishedAt", r."CatalogueScore",
                   r."AuthorId", COALESCE(u."DisplayName", ''), r."Status"
            FROM "Reports" r LEFT JOIN "AspNetUsers" u ON u."Id" = r."AuthorId"
            WHERE r."Id" IN ({ids})
            """;
        var rows = await ReadAsync(db, p, text, r => (Hit: new ReportHit(
            r.GetGuid(0), r.GetString(1), r.GetString(2), (SupplyChainPhase)r.GetInt32(3), (Tlp)r.GetInt32(4), r.GetInt32(5),
            Utc(r, 6), NullableDouble(r, 7), r.GetString(8), r.GetString(9)), Published: IsPublished(r, 10)), ct);
        return InPageOrder(rows.Where(row => row.Published).Select(row => row.Hit).ToList(), positions, reports.Ids, hit => hit.Id);
    }

    /// <summary>
    /// Status is checked here, not in the WHERE: given "Status = ?" SQLite prefers a Status index over the primary key
    /// and walks a million entries. A row unpublished since the snapshot was read is simply left out.
    /// </summary>
    private static bool IsPublished(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.GetString(ordinal) == nameof(ContentStatus.Published);

    private static List<T> InPageOrder<T>(List<T> rows, int[] positions, Guid[] ids, Func<T, Guid> idOf)
    {
        var byId = rows.ToDictionary(idOf);
        return positions.Select(position => byId.GetValueOrDefault(ids[position])).OfType<T>().ToList();
    }

    private static ReportFacets ReportFacetsOf(CatalogueSnapshot snapshot, ReportTally tally, CatalogueQuery query, Tlp clearance)
    {
        var tlps = Enum.GetValues<Tlp>();
        return new ReportFacets(
            CatalogueLabels.Phases.Select(v => new FacetCount(v.ToString(), CatalogueLabels.Of(v), tally.Phases[ReportTally.PhaseIndex(v)])).ToList(),
            TechniqueFacet(snapshot, tally, query),
            Enum.GetValues<IndicatorType>().Select(v => new FacetCount(v.ToString(), CatalogueLabels.Of(v), tally.Types[ReportTally.TypeIndex(v)])).ToList(),
            // Levels above the clearance only ever count the viewer's own reports; list them only when there are some.
            tlps.Select(v => new FacetCount(v.ToString(), CatalogueLabels.Of(v), tally.Tlps[(int)v]))
                .Where((f, i) => tlps[i] <= clearance || f.Count > 0).ToList(),
            CatalogueBands.Confidence.Select((b, i) => new FacetCount(b.Key, b.Label, tally.Confidence[i])).ToList(),
            CatalogueBands.Published.Select((b, i) => new FacetCount(b.Key, b.Label, tally.Published[i])).ToList(),
            CatalogueBands.Score.Select((b, i) => new FacetCount(b.Key, b.Label, tally.Score[i])).ToList());
    }

    /// <summary>The selected techniques first (a selected one no visible report uses still gets its chip and a zero), then the most used.</summary>
    private static List<FacetCount> TechniqueFacet(CatalogueSnapshot snapshot, ReportTally tally, CatalogueQuery query)
    {
        var selected = query.TechniqueIds.Distinct(StringComparer.Ordinal).ToList();
        var counts = snapshot.Reports.TechniqueIds.Select((id, i) => (Id: id, Count: tally.Techniques[i]))
            .ToDictionary(x => x.Id, x => x.Count, StringComparer.Ordinal);
        return selected.Select(id => (Id: id, Count: counts.GetValueOrDefault(id)))
            .Concat(counts.Where(c => c.Value > 0 && !selected.Contains(c.Key, StringComparer.Ordinal))
                .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Take(TechniqueFacetSize)
                .Select(c => (Id: c.Key, Count: c.Value)))
            .Select(r => new FacetCount(r.Id, snapshot.TechniqueNames.TryGetValue(r.Id, out var name) ? $"{r.Id} {name}" : r.Id, r.Count))
            .ToList();
    }
}
