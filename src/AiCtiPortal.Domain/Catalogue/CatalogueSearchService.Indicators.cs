using System.Runtime.CompilerServices;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Catalogue;

internal sealed partial class CatalogueSearchService
{
    public async Task<CataloguePage<IndicatorHit, IndicatorFacets>> SearchIndicatorsAsync(
        IndicatorCatalogueQuery query, Tlp clearance, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (page, size) = Paging(query.Page, query.PageSize);
        var text = CatalogueText.Parse(query.Text);
        if (text is { MatchesValues: false })
        {
            // Under three characters matches nothing rather than everything.
            return new([], 0, page, size, query.IncludeFacets ? IndicatorFacetsOf(new int[1, 1], query, clearance) : null);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var snapshot = await snapshots.CurrentAsync(db, ct);
        var indicators = snapshot.Indicators;
        var viewer = snapshot.Viewer(clearance, userId);
        var matches = text is null ? null : await IndicatorTextMatchesAsync(db, snapshot, text);

        var groups = await snapshot.Memo.GetAsync($"indicator-groups|{viewer.Key}|{text?.Key}",
            () => Task.FromResult(VisibleGroups(indicators, viewer, matches)), g => 4L * g.Length);
        var types = query.Types.ToHashSet();
        var tlps = query.Tlps.ToHashSet();
        bool Passes(IndicatorType type, int tlp) => (types.Count == 0 || types.Contains(type)) && (tlps.Count == 0 || tlps.Contains((Tlp)tlp));
        var total = 0;
        for (var type = 0; type < groups.GetLength(0); type++)
        {
            for (var tlp = 0; tlp < groups.GetLength(1); tlp++)
            {
                total += Passes((IndicatorType)type, tlp) ? groups[type, tlp] : 0;
            }
        }

        page = WithinResults(page, total, size);
        var order = query.Sort is IndicatorCatalogueSort.Newest or IndicatorCatalogueSort.Oldest ? null : await indicators.Orders.GetAsync(query.Sort);
        var positions = total == 0 ? [] : Walk(indicators.Count, matches, query.Sort == IndicatorCatalogueSort.Oldest, order,
            p => viewer.Sees(indicators.Tlps[p], indicators.Creators[p]) && Passes(indicators.Types[p], indicators.Tlps[p]),
            (page - 1) * size, size);
        var items = await IndicatorRowsAsync(db, indicators, positions, ct);
        return new CataloguePage<IndicatorHit, IndicatorFacets>(items, total, page, size, query.IncludeFacets ? IndicatorFacetsOf(groups, query, clearance) : null);
    }

    /// <summary>
    /// Visible, text-matching indicators per (type, TLP). Without text and without own items above the clearance
    /// (nearly every viewer), this is the snapshot's precomputed groups up to the clearance: no pass at all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a loop over up to a million positions; see ReportFilter
    private static int[,] VisibleGroups(IndicatorColumns indicators, SnapshotViewer viewer, int[]? matches)
    {
        var groups = new int[indicators.Groups.GetLength(0), indicators.Groups.GetLength(1)];
        if (matches is null && viewer.Owner < 0)
        {
            for (var type = 0; type < groups.GetLength(0); type++)
            {
                for (var tlp = 0; tlp <= Math.Min((int)viewer.Ceiling, groups.GetLength(1) - 1); tlp++)
                {
                    groups[type, tlp] = indicators.Groups[type, tlp];
                }
            }

            return groups;
        }

        var count = matches?.Length ?? indicators.Count;
        for (var i = 0; i < count; i++)
        {
            var p = matches is null ? i : matches[i];
            if (viewer.Sees(indicators.Tlps[p], indicators.Creators[p]))
            {
                groups[(int)indicators.Types[p], indicators.Tlps[p]]++;
            }
        }

        return groups;
    }

    private static IndicatorFacets IndicatorFacetsOf(int[,] groups, IndicatorCatalogueQuery query, Tlp clearance)
    {
        var types = query.Types.ToHashSet();
        var tlps = query.Tlps.ToHashSet();
        int Count(IndicatorType? type, Tlp? tlp)
        {
            var sum = 0;
            for (var t = 0; t < groups.GetLength(0); t++)
            {
                for (var l = 0; l < groups.GetLength(1); l++)
                {
                    var typeOk = type is { } only ? (int)only == t : types.Count == 0 || types.Contains((IndicatorType)t);
                    var tlpOk = tlp is { } level ? (int)level == l : tlps.Count == 0 || tlps.Contains((Tlp)l);
                    sum += typeOk && tlpOk ? groups[t, l] : 0;
                }
            }

            return sum;
        }

        // Each facet leaves out its own filter: the type counts apply the TLP filter, and the other way round.
        var byType = Enum.GetValues<IndicatorType>()
            .Select(t => new FacetCount(t.ToString(), CatalogueLabels.Of(t), Count(t, null)))
            .ToList();
        var byTlp = Enum.GetValues<Tlp>()
            .Select(l => (Tlp: l, Facet: new FacetCount(l.ToString(), CatalogueLabels.Of(l), Count(null, l))))
            .Where(x => x.Tlp <= clearance || x.Facet.Count > 0)
            .Select(x => x.Facet)
            .ToList();
        return new IndicatorFacets(byType, byTlp);
    }

    private async Task<List<IndicatorHit>> IndicatorRowsAsync(PortalDbContext db, IndicatorColumns indicators, int[] positions, CancellationToken ct)
    {
        if (positions.Length == 0)
        {
            return [];
        }

        var p = new SqlParameters(db.Database.IsSqlite());
        var text =
            $"""
            SELECT i."Id", i."Type", i."NormalizedValue", i."Tlp", i."Confidence", i."UpdatedAt", i."Status"
            FROM "Indicators" i
            WHERE i."Id" IN ({p.List(positions.Select(position => indicators.Ids[position]))})
            """;
        var rows = await ReadAsync(db, p, text, r => (Hit: new IndicatorHit(
            r.GetGuid(0), Enum.TryParse<IndicatorType>(r.GetString(1), out var type) ? type : default,
            r.GetString(2), (Tlp)r.GetInt32(3), r.GetInt32(4), Utc(r, 5)), Published: IsPublished(r, 6)), ct);
        return InPageOrder(rows.Where(row => row.Published).Select(row => row.Hit).ToList(), positions, indicators.Ids, hit => hit.Id);
    }
}
