using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>
/// What a batch of a set's reports links to, read in three queries for the whole batch (never one per report): the
/// indicators the set itself contains (so a report never points outside the set or above its ceiling), the ATLAS
/// techniques and the external references. Lists come sorted, so exports and TAXII pages are byte-stable.
/// </summary>
internal sealed class CuratedSetLinks
{
    private readonly ILookup<Guid, Guid> _indicators;
    private readonly ILookup<Guid, string> _techniques;
    private readonly ILookup<Guid, ReferenceExport> _references;

    private CuratedSetLinks(ILookup<Guid, Guid> indicators, ILookup<Guid, string> techniques, ILookup<Guid, ReferenceExport> references) =>
        (_indicators, _techniques, _references) = (indicators, techniques, references);

    public static async Task<CuratedSetLinks> ReadAsync(PortalDbContext db, CuratedSetScope scope, List<Guid> reportIds, CancellationToken ct)
    {
        // A correlated EXISTS rather than a join: a join lets SQLite (which has no statistics) drive from the set's
        // indicators, a scan of the whole catalogue per batch; EXISTS keeps the batch's links as the driving rows and
        // looks each indicator up by its key, in both databases.
        var contained = CuratedSetQueries.Indicators(db, scope);
        var indicators = (await db.ReportIndicators.AsNoTracking()
                .Where(link => reportIds.Contains(link.ReportId) && contained.Any(i => i.Id == link.IndicatorId))
                .Select(link => new { link.ReportId, link.IndicatorId })
                .ToListAsync(ct))
            .ToLookup(l => l.ReportId, l => l.IndicatorId);
        var techniques = (await db.Set<ReportTechnique>().AsNoTracking()
                .Where(t => reportIds.Contains(t.ReportId)).Select(t => new { t.ReportId, t.TechniqueId }).ToListAsync(ct))
            .ToLookup(t => t.ReportId, t => t.TechniqueId);
        var references = (await db.Set<ReportReference>().AsNoTracking()
                .Where(r => reportIds.Contains(r.ReportId)).Select(r => new { r.ReportId, r.Url, r.Title }).ToListAsync(ct))
            .ToLookup(r => r.ReportId, r => new ReferenceExport(r.Url, r.Title));
        return new CuratedSetLinks(indicators, techniques, references);
    }

    public List<Guid> IndicatorsOf(Guid reportId) =>
        _indicators[reportId].OrderBy(id => id.ToString(), StringComparer.Ordinal).ToList();

    public List<string> TechniquesOf(Guid reportId) =>
        _techniques[reportId].Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public List<ReferenceExport> ReferencesOf(Guid reportId) =>
        _references[reportId].OrderBy(x => x.Url, StringComparer.Ordinal).ThenBy(x => x.Title, StringComparer.Ordinal).ToList();
}
