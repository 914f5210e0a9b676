using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// The catalogue's queries. Searches filter, count and order over the in-memory <see cref="CatalogueSnapshot"/>
/// (current to the catalogue revision, checked per search with a one-row read); the database answers only which
/// items the typed text matches and the rows of the page shown. Detail queries (related reports, scores,
/// reputation) are hand-written SQL over the indexes of migration 20261123000007_CatalogueSearch. Each call opens one
/// short-lived context, as everywhere in the portal.
/// </summary>
internal sealed partial class CatalogueSearchService(
    IDbContextFactory<PortalDbContext> contexts, CatalogueSnapshotCache snapshots, TimeProvider clock,
    ILogger<CatalogueSearchService> logger) : ICatalogueSearch
{
    /// <summary>How many techniques the technique facet lists (the selected ones always, then the most used).</summary>
    public const int TechniqueFacetSize = 20;

    public async Task<CataloguePage<ReportHit, ReportFacets>> SearchReportsAsync(
        CatalogueQuery query, Tlp clearance, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (page, size) = Paging(query.Page, query.PageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var snapshot = await snapshots.CurrentAsync(db, ct);
        var reports = snapshot.Reports;
        var viewer = snapshot.Viewer(clearance, userId);
        var matches = CatalogueText.Parse(query.Text) is { } text ? await ReportTextMatchesAsync(db, snapshot, text, viewer) : null;

        // Publication windows ("past week") move with the clock; to the minute is exact enough and lets counts be reused.
        var now = clock.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        var filter = new ReportFilter(query, reports, now);
        var tally = await snapshot.Memo.GetAsync($"report-counts|{viewer.Key}|{now.Ticks}|{CountsKey(query with { Page = 1, PageSize = 1, Sort = CatalogueSort.Newest })}",
            () => Task.FromResult(filter.Count(viewer, matches, query.IncludeFacets)), t => 4L * (t.Techniques.Length + 200));

        page = WithinResults(page, tally.Total, size);
        var order = query.Sort is CatalogueSort.Newest or CatalogueSort.Oldest ? null : await reports.Orders.GetAsync(query.Sort);
        var positions = tally.Total == 0 ? [] : Walk(reports.Count, matches, query.Sort == CatalogueSort.Oldest, order,
            p => filter.Passes(viewer, p), (page - 1) * size, size);
        var items = await ReportRowsAsync(db, reports, positions, ct);
        var facets = query.IncludeFacets ? ReportFacetsOf(snapshot, tally, query, clearance) : null;
        return new CataloguePage<ReportHit, ReportFacets>(items, tally.Total, page, size, facets);
    }

    /// <summary>
    /// What the database says about the text is remembered per text, shared by every viewer (and, for indicator
    /// values, with the indicator search); only the cheap join with what this viewer may see is per viewer.
    /// </summary>
    private static Task<int[]> ReportTextMatchesAsync(PortalDbContext db, CatalogueSnapshot snapshot, CatalogueText text, SnapshotViewer viewer) =>
        snapshot.Memo.GetAsync($"report-text|{viewer.Key}|{text.Key}", async () =>
        {
            var words = await snapshot.Memo.GetAsync($"report-words|{text.Key}",
                () => CatalogueTextMatches.ReportWordsAsync(db, snapshot, text, CancellationToken.None), m => 4L * m.Length);
            var values = text.MatchesValues ? await IndicatorTextMatchesAsync(db, snapshot, text) : null;
            return CatalogueTextMatches.ReportsFor(snapshot, viewer, words, values);
        }, m => 4L * m.Length);

    private static Task<int[]> IndicatorTextMatchesAsync(PortalDbContext db, CatalogueSnapshot snapshot, CatalogueText text) =>
        snapshot.Memo.GetAsync($"indicator-text|{text.Key}",
            () => CatalogueTextMatches.IndicatorsAsync(db, snapshot, text, CancellationToken.None), m => 4L * m.Length);

    /// <summary>A page past the end (an old bookmark, a hand-edited address) shows the last page, not an empty one.</summary>
    private static int WithinResults(int page, int total, int size) => Math.Min(page, Math.Max(1, (total + size - 1) / size));

    private static (int Page, int Size) Paging(int page, int pageSize)
    {
        var size = Math.Clamp(pageSize, 1, CatalogueQuery.MaxPageSize);
        var lastPage = (CatalogueQuery.MaxOffset / size) + 1;
        return (Math.Clamp(page, 1, lastPage), size);
    }

    private static string CountsKey(object query) => JsonSerializer.Serialize(query);

    /// <summary>
    /// One page of results: the candidates (every position, or the text matches) in the requested order, the passing
    /// ones, from the offset. Positions are in the default order already (walked backwards for the reverse); other
    /// orders walk their permutation. The walk stops at the page's end, so early pages cost a few hundred checks.
    /// </summary>
    private static int[] Walk(int count, int[]? matches, bool backwards, int[]? order, Func<int, bool> passes, int offset, int size)
    {
        IEnumerable<int> candidates;
        if (order is not null && matches is not null)
        {
            var member = new bool[count];
            foreach (var position in matches)
            {
                member[position] = true;
            }

            candidates = order.Where(position => member[position]);
        }
        else if (order is not null)
        {
            candidates = order;
        }
        else
        {
            var length = matches?.Length ?? count;
            candidates = Enumerable.Range(0, length)
                .Select(i => backwards ? length - 1 - i : i)
                .Select(i => matches is null ? i : matches[i]);
        }

        return candidates.Where(passes).Skip(offset).Take(size).ToArray();
    }
}
