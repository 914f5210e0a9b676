using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Taxii;

public sealed partial class TaxiiObjectSource
{
    private sealed record ReportRow(
        Guid Id, int Version, string Title, string Summary, Tlp Tlp, int Confidence, DateTime CreatedAt, DateTime UpdatedAt,
        DateTime PublishedAt);

    /// <summary>
    /// The page's reports (one query), then their links for the whole page at once (<see cref="CuratedSetLinks"/>:
    /// three queries).
    /// </summary>
    private static async Task<List<TaxiiEntry>> ReportsAsync(PortalDbContext db, CuratedSetScope scope, TaxiiFilter filter, CancellationToken ct)
    {
        var reports = CuratedSetQueries.Reports(db, scope);
        if (filter.UuidsOf(ReportType) is { } uuids)
        {
            if (uuids.Count == 0)
            {
                return [];
            }

            reports = reports.Where(r => uuids.Contains(r.Id));
        }

        if (filter.AddedFrom is { } from)
        {
            reports = reports.Where(r => r.UpdatedAt >= from);
        }

        if (filter.After is { } cursor)
        {
            reports = AfterReport(reports, cursor);
        }

        if (VersionWindows(filter) is { } windows)
        {
            reports = reports.Where(TaxiiPredicates.Within<ThreatReport>(r => r.UpdatedAt, windows));
        }

        var rows = await reports
            .OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id)
            .Take(filter.Limit + 1)
            .Select(r => new ReportRow(r.Id, r.Version, r.Title, r.Summary, r.Tlp, r.Confidence, r.CreatedAt, r.UpdatedAt, r.PublishedAt ?? r.UpdatedAt))
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        var links = await CuratedSetLinks.ReadAsync(db, scope, rows.Select(r => r.Id).ToList(), ct);

        return rows.Select(r =>
            {
                // Review scores are left out: they are custom properties that change without changing the report.
                var report = new ReportExport(
                    r.Id, r.Version, r.Title, r.Summary, r.Tlp, r.Confidence, r.CreatedAt, r.UpdatedAt, r.PublishedAt,
                    links.IndicatorsOf(r.Id), links.TechniquesOf(r.Id), links.ReferencesOf(r.Id),
                    null,
                    0);
                return new TaxiiEntry(StixIds.Of(ReportType, r.Id), r.UpdatedAt, VersionOf(r.CreatedAt, r.UpdatedAt), w => w.WriteReport(report));
            })
            .Where(filter.Matches)
            .ToList();
    }

    /// <summary>
    /// The attack patterns of the techniques the set's reports use: few (bounded by the ATLAS matrix), so all are read
    /// in five small queries and filtered in memory. One is added when the first report using it was last changed, or when
    /// the ATLAS release it comes from was imported, whichever is later; its version is that release's import time.
    /// </summary>
    private static async Task<List<TaxiiEntry>> AttackPatternsAsync(PortalDbContext db, CuratedSetScope scope, TaxiiFilter filter, CancellationToken ct)
    {
        var reports = CuratedSetQueries.Reports(db, scope);
        var used = await (
                from technique in db.Set<ReportTechnique>().AsNoTracking()
                join report in reports on technique.ReportId equals report.Id
                group report.UpdatedAt by technique.TechniqueId into g
                select new { TechniqueId = g.Key, FirstUsed = g.Min() })
            .ToListAsync(ct);
        if (used.Count == 0)
        {
            return [];
        }

        var techniqueIds = used.Select(u => u.TechniqueId).ToList();
        var released = await db.AtlasReleases.AsNoTracking().OrderByDescending(r => r.ImportedAt).Select(r => (DateTime?)r.ImportedAt).FirstOrDefaultAsync(ct)
            ?? IdentityAdded;
        var techniques = await db.AtlasTechniques.AsNoTracking()
            .Where(t => techniqueIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name, t.Description })
            .ToListAsync(ct);
        var tacticLinks = await db.Set<AtlasTechniqueTactic>().AsNoTracking()
            .Where(l => techniqueIds.Contains(l.TechniqueId))
            .Select(l => new { l.TechniqueId, l.TacticId })
            .ToListAsync(ct);
        var tactics = await db.AtlasTactics.AsNoTracking().Select(a => new { a.Id, a.Name, a.Order }).ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, ct);
        var known = techniques.ToDictionary(
            t => t.Id,
            t => new TechniqueExport(
                t.Id, t.Name, t.Description,
                tacticLinks.Where(l => l.TechniqueId == t.Id && tactics.ContainsKey(l.TacticId))
                    .Select(l => tactics[l.TacticId]).OrderBy(a => a.Order).Select(a => a.Name).ToList(),
                released),
            StringComparer.Ordinal);
        var version = StixTimestamps.ToMilliseconds(released);
        return used.Select(u =>
            {
                // A technique the ATLAS table does not (yet) hold still gets its object, named by its id, so the
                // reports' references resolve.
                var technique = known.GetValueOrDefault(u.TechniqueId) ?? new TechniqueExport(u.TechniqueId, u.TechniqueId, "", [], released);
                var added = u.FirstUsed > released ? u.FirstUsed : released;
                return new TaxiiEntry(StixIds.AttackPattern(u.TechniqueId), added, version, w => w.WriteAttackPattern(technique));
            })
            .ToList();
    }
}
