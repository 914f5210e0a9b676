using System.Globalization;
using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Catalogue;

public sealed partial class CatalogueSearchService
{
    private sealed record ReportCounts(int Total, ReportFacets? Facets);

    private sealed record IndicatorCounts(int Total, IndicatorFacets? Facets);

    /// <summary>
    /// Who the search runs for, reduced to what changes its results. The "own items" rule only matters for a viewer
    /// who has published something above their clearance (rare), so everyone else shares the counts of their
    /// clearance. The stamp is the newest publication: a new report makes earlier counts stale at once.
    /// Both are index seeks (AuthorId; Status + PublishedAt).
    /// </summary>
    private static async Task<(string? Owner, DateTime? Stamp)> ReportScopeAsync(
        PortalDbContext db, Tlp clearance, string? userId, CancellationToken ct)
    {
        var published = db.Reports.AsNoTracking().Where(r => r.Status == ContentStatus.Published);
        var owns = userId is not null && (
            await published.AnyAsync(r => r.AuthorId == userId && r.Tlp > clearance, ct) ||
            await db.Indicators.AnyAsync(i => i.CreatedById == userId && i.Status == ContentStatus.Published && i.Tlp > clearance, ct));
        return (owns ? userId : null, await published.MaxAsync(r => r.PublishedAt, ct));
    }

    private static async Task<(string? Owner, DateTime? Stamp)> IndicatorScopeAsync(
        PortalDbContext db, Tlp clearance, string? userId, CancellationToken ct)
    {
        var published = db.Indicators.AsNoTracking().Where(i => i.Status == ContentStatus.Published);
        var owns = userId is not null && await published.AnyAsync(i => i.CreatedById == userId && i.Tlp > clearance, ct);
        return (owns ? userId : null, await published.MaxAsync(i => (DateTime?)i.UpdatedAt, ct));
    }

    private static string CountsKey(string kind, object query, Tlp clearance, string? owner, DateTime? stamp) =>
        string.Join('|', kind, (int)clearance, owner ?? "",
            stamp?.ToString("O", CultureInfo.InvariantCulture) ?? "", JsonSerializer.Serialize(query));

    // Computed on a context of its own: concurrent requests wait for this one computation, which must not depend on
    // whichever request happened to start it.
    private async Task<ReportCounts> ReportCountsAsync(CatalogueQuery query, Tlp clearance, string? owner)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var sql = new ReportSearchSql(query, clearance, owner, new SqlParameters(db.Database.IsSqlite()));
        if (!query.IncludeFacets)
        {
            return new ReportCounts(await CountAsync(db, sql, CancellationToken.None), null);
        }

        var (total, facets) = await ReportFacetsAsync(db, sql, query, clearance, CancellationToken.None);
        return new ReportCounts(total, facets);
    }

    private async Task<IndicatorCounts> IndicatorCountsAsync(IndicatorCatalogueQuery query, Tlp clearance, string? owner)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var sql = new IndicatorSearchSql(query, clearance, owner, new SqlParameters(db.Database.IsSqlite()));
        if (!query.IncludeFacets)
        {
            return new IndicatorCounts(
                await ScalarAsync(db, sql.Parameters, $"SELECT COUNT(*) FROM \"Indicators\" i WHERE {sql.Where()}", CancellationToken.None), null);
        }

        var groups = await IndicatorGroupsAsync(db, sql, CancellationToken.None);
        return new IndicatorCounts(groups.Where(g => sql.Passes(g.Type, g.Tlp)).Sum(g => g.Count), IndicatorFacetsOf(groups, query, clearance));
    }
}
