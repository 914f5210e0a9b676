using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Taxii;

/// <summary>
/// The STIX objects of a curated set as a TAXII collection, one page at a time: the portal identity, the TLP marking
/// definitions up to the reader's ceiling, the attack patterns of the set's reports' techniques, and the set's
/// published indicators and reports. Each kind is read with its own keyset query (date added, then id, after the
/// cursor; at most limit + 1 rows, see <see cref="TaxiiKeyset"/>), the candidates are merged in collection order and
/// the first <c>limit</c> kept; only then are the links of the reports that stayed read. A page therefore costs the
/// same ten queries whatever its size and position: one for indicators, one for reports and three for the page's
/// reports' links, five small ones for attack patterns; never one per object, and none whose cost grows with the
/// catalogue (each reads an index range bounded by the page).
/// </summary>
public sealed partial class TaxiiObjectSource(IDbContextFactory<PortalDbContext> contexts)
{
    private const string IndicatorType = "indicator";
    private const string ReportType = "report";
    private const string AttackPatternType = "attack-pattern";
    private const string IdentityType = "identity";
    private const string MarkingType = "marking-definition";

    /// <summary>When the portal's identity and the TLP definitions count as added: their own creation times.</summary>
    private static readonly DateTime IdentityAdded = DateTime.Parse(StixObjectWriter.IdentityCreated, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

    private static readonly DateTime MarkingsAdded = DateTime.Parse(TlpMarkings.Created, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

    public async Task<TaxiiPage> PageAsync(CuratedSetScope scope, TaxiiFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(filter);
        if (!filter.MatchesSpecVersion)
        {
            return new TaxiiPage([], false, null);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var candidates = new List<TaxiiEntry>();
        candidates.AddRange(Fixed(scope).Where(filter.Matches));
        if (filter.Wants(IndicatorType))
        {
            candidates.AddRange(await IndicatorsAsync(db, scope, filter, ct));
        }

        ReportCandidates? reports = null;
        if (filter.Wants(ReportType))
        {
            reports = await ReportsAsync(db, scope, filter, ct);
            candidates.AddRange(reports.Entries);
        }

        candidates.Sort(TaxiiEntry.Compare);
        if (filter.Wants(AttackPatternType))
        {
            // With more than a page of other objects, the page ends at or before the limit-th of them, so only attack
            // patterns added by then can be on it; that bound keeps their query to the page's own reports.
            DateTime? until = candidates.Count > filter.Limit ? candidates[filter.Limit - 1].DateAdded : null;
            candidates.AddRange((await AttackPatternsAsync(db, scope, filter, until, ct)).Where(filter.Matches));
            candidates.Sort(TaxiiEntry.Compare);
        }

        var more = candidates.Count > filter.Limit;
        var page = more ? candidates.GetRange(0, filter.Limit) : candidates;
        if (reports is not null)
        {
            await reports.ReadLinksAsync(db, scope, page, ct);
        }

        return new TaxiiPage(page, more, more ? TaxiiCursor.After(page[^1]) : null);
    }

    /// <summary>The identity every object names as creator, and the markings up to the ceiling (those objects can carry).</summary>
    private static IEnumerable<TaxiiEntry> Fixed(CuratedSetScope scope)
    {
        yield return new TaxiiEntry(StixIds.PortalIdentity, IdentityAdded, IdentityAdded, w => w.WritePortalIdentity());
        foreach (var tlp in Enum.GetValues<Tlp>().Where(t => t <= scope.Ceiling))
        {
            yield return new TaxiiEntry(TlpMarkings.IdOf(tlp), MarkingsAdded, MarkingsAdded, w => w.WriteMarkingDefinition(tlp));
        }
    }

    private static async Task<List<TaxiiEntry>> IndicatorsAsync(PortalDbContext db, CuratedSetScope scope, TaxiiFilter filter, CancellationToken ct)
    {
        var page = TaxiiKeyset.Page(CuratedSetQueries.Indicators(db, scope), IndicatorType, i => i.UpdatedAt, i => i.Id, filter);
        if (page is null)
        {
            return [];
        }

        var rows = await page
            .Select(i => new IndicatorExport(
                i.Id, i.Type, i.NormalizedValue, i.Description, i.Phases, i.Tlp, i.Confidence, i.CreatedAt, i.UpdatedAt,
                i.FirstSeen, i.LastSeen, i.ValidUntil, i.SightingCount))
            .ToListAsync(ct);
        return rows.Select(i => new TaxiiEntry(
                StixIds.Of(IndicatorType, i.Id), i.UpdatedAt, VersionOf(i.CreatedAt, i.UpdatedAt), w => w.WriteIndicator(i)))
            .Where(filter.Matches)
            .ToList();
    }

    /// <summary>The "modified" the writer gives an object: its update time to the millisecond, never before its creation.</summary>
    private static DateTime VersionOf(DateTime created, DateTime updated)
    {
        var createdMs = StixTimestamps.ToMilliseconds(created);
        var updatedMs = StixTimestamps.ToMilliseconds(updated);
        return updatedMs < createdMs ? createdMs : updatedMs;
    }
}
