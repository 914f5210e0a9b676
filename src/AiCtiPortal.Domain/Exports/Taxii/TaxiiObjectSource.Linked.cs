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
    /// The report candidates (one query, up to limit + 1 like every kind). Most of them fall off the page once all
    /// kinds are merged (a page of 1,000 objects holds about 90 reports at a million indicators), so their links are
    /// read only afterwards, for the reports that stayed: <see cref="ReportCandidates.ReadLinksAsync"/>.
    /// </summary>
    private static async Task<ReportCandidates> ReportsAsync(PortalDbContext db, CuratedSetScope scope, TaxiiFilter filter, CancellationToken ct)
    {
        var page = TaxiiKeyset.Page(CuratedSetQueries.Reports(db, scope), ReportType, r => r.UpdatedAt, r => r.Id, filter);
        var rows = page is null
            ? []
            : await page
                .Select(r => new ReportRow(r.Id, r.Version, r.Title, r.Summary, r.Tlp, r.Confidence, r.CreatedAt, r.UpdatedAt, r.PublishedAt ?? r.UpdatedAt))
                .ToListAsync(ct);
        return new ReportCandidates(rows, filter, queried: page is not null);
    }

    /// <summary>Report entries whose writers need the links of the reports that end up on the page.</summary>
    private sealed class ReportCandidates
    {
        private readonly Dictionary<TaxiiEntry, Guid> _reportOf = new(ReferenceEqualityComparer.Instance);
        private readonly bool _queried;
        private CuratedSetLinks? _links;

        public ReportCandidates(List<ReportRow> rows, TaxiiFilter filter, bool queried)
        {
            _queried = queried;
            foreach (var r in rows)
            {
                var entry = new TaxiiEntry(StixIds.Of(ReportType, r.Id), r.UpdatedAt, VersionOf(r.CreatedAt, r.UpdatedAt), w => w.WriteReport(Export(r)));
                if (filter.Matches(entry))
                {
                    _reportOf.Add(entry, r.Id);
                }
            }
        }

        public IEnumerable<TaxiiEntry> Entries => _reportOf.Keys;

        /// <summary>
        /// The links of the page's reports (<see cref="CuratedSetLinks"/>: three queries, run even when none stayed so
        /// that every page costs the same).
        /// </summary>
        public async Task ReadLinksAsync(PortalDbContext db, CuratedSetScope scope, IEnumerable<TaxiiEntry> page, CancellationToken ct)
        {
            if (_queried)
            {
                var onPage = page.Where(_reportOf.ContainsKey).Select(e => _reportOf[e]).ToList();
                _links = await CuratedSetLinks.ReadAsync(db, scope, onPage, ct);
            }
        }

        // Review scores are left out: they are custom properties that change without changing the report.
        private ReportExport Export(ReportRow r)
        {
            var links = _links ?? throw new InvalidOperationException("A report is written only after its page's links were read.");
            return new ReportExport(
                r.Id, r.Version, r.Title, r.Summary, r.Tlp, r.Confidence, r.CreatedAt, r.UpdatedAt, r.PublishedAt,
                links.IndicatorsOf(r.Id), links.TechniquesOf(r.Id), links.ReferencesOf(r.Id),
                null,
                0);
        }
    }

    /// <summary>
    /// The attack patterns of the techniques the set's reports use that can be on this page. One is added when the
    /// first report using it was last changed, or when the ATLAS release it comes from was imported, whichever is
    /// later; its version is that release's import time. Finding first uses over the whole set would aggregate every
    /// report on every page, so only the page's window is read: the techniques of the set's reports changed from the
    /// page's start (the cursor or added_after) up to <paramref name="until"/>, less those a report before the start
    /// already used (an EXISTS per technique, which stops at the first such report). Five queries, always.
    /// </summary>
    private static async Task<List<TaxiiEntry>> AttackPatternsAsync(
        PortalDbContext db, CuratedSetScope scope, TaxiiFilter filter, DateTime? until, CancellationToken ct)
    {
        var released = await db.AtlasReleases.AsNoTracking().OrderByDescending(r => r.ImportedAt).Select(r => (DateTime?)r.ImportedAt).FirstOrDefaultAsync(ct)
            ?? IdentityAdded;
        var start = PageStart(filter);
        var reports = CuratedSetQueries.Reports(db, scope);
        var links = db.Set<ReportTechnique>().AsNoTracking();
        List<FirstUse> used;
        if (until is { } end && released > end)
        {
            // Every pattern is added at the release or later, after this page: the query only keeps the count fixed.
            used = await FirstUsesAsync(links, reports.Where(r => r.UpdatedAt > end && r.UpdatedAt < end), ct);
        }
        else if (start is { } from && released < from)
        {
            var window = reports.Where(r => r.UpdatedAt >= from);
            if (until is { } last)
            {
                window = window.Where(r => r.UpdatedAt <= last);
            }

            var before = reports.Where(r => r.UpdatedAt < from);
            used = await (
                    from technique in links
                    join report in window on technique.ReportId equals report.Id
                    group report.UpdatedAt by technique.TechniqueId into g
                    select new FirstUse(
                        g.Key,
                        g.Min(),
                        links.Any(l => l.TechniqueId == g.Key && before.Any(r => r.Id == l.ReportId))))
                .ToListAsync(ct);
        }
        else
        {
            // The first page, or the one page whose window holds the release (and a last page starting before it):
            // every technique first used by the page's end is added by then, at the release or at its first use.
            used = await FirstUsesAsync(links, until is { } last ? reports.Where(r => r.UpdatedAt <= last) : reports, ct);
        }

        used.RemoveAll(u => u.UsedBefore);
        var techniqueIds = used.Select(u => u.TechniqueId).ToList();
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

    /// <summary>Where the page starts in time: the cursor's date or added_after's, whichever is later; null at the beginning.</summary>
    private static DateTime? PageStart(TaxiiFilter filter) => (filter.After?.DateAdded, filter.AddedFrom) switch
    {
        ({ } after, { } from) => after > from ? after : from,
        ({ } after, null) => after,
        (null, var from) => from,
    };

    private static Task<List<FirstUse>> FirstUsesAsync(IQueryable<ReportTechnique> links, IQueryable<ThreatReport> reports, CancellationToken ct) =>
        (from technique in links
         join report in reports on technique.ReportId equals report.Id
         group report.UpdatedAt by technique.TechniqueId into g
         select new FirstUse(g.Key, g.Min(), false))
        .ToListAsync(ct);

    /// <summary>A technique's earliest use in the window, and whether a report before the window used it already.</summary>
    private sealed record FirstUse(string TechniqueId, DateTime FirstUsed, bool UsedBefore);
}
