using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// The catalogue's queries, hand-written SQL over the indexes and full-text objects of migration
/// 20261123000007_CatalogueSearch, written for 100,000 reports and 1,000,000 indicators: the page walks an index in
/// order and stops, and all facet counts but techniques come from one pass over a covering index. Each call opens one
/// short-lived context, as everywhere in the portal.
/// </summary>
public sealed partial class CatalogueSearchService(
    IDbContextFactory<PortalDbContext> contexts, TimeProvider clock, ILogger<CatalogueSearchService> logger,
    CatalogueSearchOptions? options = null) : ICatalogueSearch
{
    private readonly FacetCache _counts = new(options ?? new CatalogueSearchOptions(), clock);

    /// <summary>Offset paging stops here: past 10,000 results a narrower search serves better than page 501.</summary>
    public const int MaxOffset = 10_000;

    /// <summary>How many techniques the technique facet lists (the selected ones always, then the most used).</summary>
    public const int TechniqueFacetSize = 20;

    public async Task<CataloguePage<ReportHit, ReportFacets>> SearchReportsAsync(
        CatalogueQuery query, Tlp clearance, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (page, size) = Paging(query.Page, query.PageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var (owner, stamp) = await ReportScopeAsync(db, clearance, userId, ct);
        var sql = new ReportSearchSql(query, clearance, owner, new SqlParameters(db.Database.IsSqlite()));
        var key = CountsKey("reports", query with { Page = 1, PageSize = 1, Sort = CatalogueSort.Newest }, clearance, owner, stamp);
        var counts = await _counts.GetOrComputeAsync(key, () => ReportCountsAsync(query, clearance, owner));
        var (total, facets) = (counts.Total, counts.Facets);
        page = WithinResults(page, total, size);
        var items = total == 0 ? [] : await ReportPageAsync(db, sql, query.Sort, (page - 1) * size, size, ct);
        return new CataloguePage<ReportHit, ReportFacets>(items, total, page, size, facets);
    }

    public async Task<CataloguePage<IndicatorHit, IndicatorFacets>> SearchIndicatorsAsync(
        IndicatorCatalogueQuery query, Tlp clearance, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (page, size) = Paging(query.Page, query.PageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var (owner, stamp) = await IndicatorScopeAsync(db, clearance, userId, ct);
        var sql = new IndicatorSearchSql(query, clearance, owner, new SqlParameters(db.Database.IsSqlite()));
        if (sql.MatchesNothing)
        {
            return new(Array.Empty<IndicatorHit>(), 0, page, size, query.IncludeFacets ? IndicatorFacetsOf([], query, clearance) : null);
        }

        var key = CountsKey("indicators", query with { Page = 1, PageSize = 1, Sort = IndicatorCatalogueSort.Newest }, clearance, owner, stamp);
        var counts = await _counts.GetOrComputeAsync(key, () => IndicatorCountsAsync(query, clearance, owner));
        var (total, facets) = (counts.Total, counts.Facets);
        page = WithinResults(page, total, size);
        var items = total == 0 ? [] : await IndicatorPageAsync(db, sql, query.Sort, (page - 1) * size, size, ct);
        return new CataloguePage<IndicatorHit, IndicatorFacets>(items, total, page, size, facets);
    }

    /// <summary>A page past the end (an old bookmark, a hand-edited address) shows the last page, not an empty one.</summary>
    private static int WithinResults(int page, int total, int size) => Math.Min(page, Math.Max(1, (total + size - 1) / size));

    private static (int Page, int Size) Paging(int page, int pageSize)
    {
        var size = Math.Clamp(pageSize, 1, CatalogueQuery.MaxPageSize);
        var lastPage = (MaxOffset / size) + 1;
        return (Math.Clamp(page, 1, lastPage), size);
    }
}
