using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// The published rows sharing a value with the given indicators: the input of the contradictory-verdicts check.
/// One query per indicator type on type and hash only, so the (Type, ValueHash) index is the only one that fits: with
/// the status in the predicate, SQLite picks the catalogue's (Status, Type, ...) index and walks every published row
/// of the type (seconds at a million indicators). The few unpublished rows are dropped here instead.
/// </summary>
internal static class ClaimLoader
{
    public static async Task<Dictionary<(IndicatorType Type, string Hash), List<IndicatorClaim>>> LoadAsync(
        PortalDbContext db, IEnumerable<(IndicatorType Type, string Hash)> values, CancellationToken ct)
    {
        var claims = new Dictionary<(IndicatorType, string), List<IndicatorClaim>>();
        foreach (var group in values.Distinct().GroupBy(v => v.Type))
        {
            var type = group.Key;
            var hashes = group.Select(v => v.Hash).ToList();
            var rows = await db.Indicators.AsNoTracking()
                .Where(i => i.Type == type && hashes.Contains(i.ValueHash))
                .Select(i => new
                {
                    i.Id, i.ValueHash, i.Status, i.Confidence, i.ValidUntil, i.Tlp,
                    ReportId = i.Reports.Select(l => (Guid?)l.ReportId).FirstOrDefault(),
                })
                .ToListAsync(ct);
            foreach (var row in rows.Where(r => r.Status == ContentStatus.Published))
            {
                var key = (type, row.ValueHash);
                if (!claims.TryGetValue(key, out var list))
                {
                    claims[key] = list = [];
                }

                list.Add(new IndicatorClaim(row.Id, row.ReportId, row.Status, row.Confidence, row.ValidUntil, row.Tlp));
            }
        }

        return claims;
    }

    public static IReadOnlyList<IndicatorClaim> For(
        Dictionary<(IndicatorType Type, string Hash), List<IndicatorClaim>> claims, IndicatorType type, string hash) =>
        claims.TryGetValue((type, hash), out var list) ? list : [];
}
