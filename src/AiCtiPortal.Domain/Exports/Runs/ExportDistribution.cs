using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>Who receives an export of a set, and so the ceiling it is built at.</summary>
internal static class ExportDistribution
{
    /// <summary>
    /// The scope an export of <paramref name="set"/> is built at: min(set ceiling, the LOWEST clearance among the set's
    /// reader organisations). An export is built once per set and every reader organisation downloads the same files,
    /// so it may contain only what every one of them is cleared for; building per organisation would multiply the work
    /// and the storage by the number of readers. A reader cleared higher than another gets less than the set allows;
    /// the API and TAXII, which answer per caller, serve the rest. A set without readers is read only by curators and
    /// is built at its own ceiling.
    /// </summary>
    public static async Task<CuratedSetScope> ScopeAsync(PortalDbContext db, CuratedSet set, CancellationToken ct)
    {
        var readerClearances = await db.CuratedSetReaders.AsNoTracking()
            .Where(r => r.SetId == set.Id)
            .Select(r => r.Organisation!.Clearance)
            .ToListAsync(ct);
        var ceiling = readerClearances.Count == 0 ? set.TlpCeiling : Min(set.TlpCeiling, readerClearances.Min());
        var techniques = await CuratedSetQueries.ExpandTechniquesAsync(db, set.TechniqueIds, ct);
        return new CuratedSetScope(set, ceiling, null, techniques);
    }

    private static Tlp Min(Tlp a, Tlp b) => a < b ? a : b;
}
