using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Taxii;

/// <summary>
/// The STIX objects of a curated set as a TAXII collection, one page at a time: the portal identity, the TLP marking
/// definitions up to the reader's ceiling, the attack patterns of the set's reports' techniques, and the set's
/// published indicators and reports. Each kind is read with its own keyset query (date added, then id, after the
/// cursor; at most limit + 1 rows), the candidates are merged in collection order and the first <c>limit</c> kept.
/// A page therefore costs the same fixed number of queries whatever its size: one for indicators, one for reports and
/// three for their links, five small ones for attack patterns; never one per object.
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
        if (filter.Wants(AttackPatternType))
        {
            candidates.AddRange((await AttackPatternsAsync(db, scope, filter, ct)).Where(filter.Matches));
        }

        if (filter.Wants(IndicatorType))
        {
            candidates.AddRange(await IndicatorsAsync(db, scope, filter, ct));
        }

        if (filter.Wants(ReportType))
        {
            candidates.AddRange(await ReportsAsync(db, scope, filter, ct));
        }

        candidates.Sort(TaxiiEntry.Compare);
        var more = candidates.Count > filter.Limit;
        var page = more ? candidates.GetRange(0, filter.Limit) : candidates;
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
        var indicators = CuratedSetQueries.Indicators(db, scope);
        if (filter.UuidsOf(IndicatorType) is { } uuids)
        {
            if (uuids.Count == 0)
            {
                return [];
            }

            indicators = indicators.Where(i => uuids.Contains(i.Id));
        }

        if (filter.AddedFrom is { } from)
        {
            indicators = indicators.Where(i => i.UpdatedAt >= from);
        }

        if (filter.After is { } cursor)
        {
            indicators = AfterIndicator(indicators, cursor);
        }

        if (VersionWindows(filter) is { } windows)
        {
            indicators = indicators.Where(TaxiiPredicates.Within<Indicator>(i => i.UpdatedAt, windows));
        }

        var rows = await indicators
            .OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id)
            .Take(filter.Limit + 1)
            .Select(i => new IndicatorExport(
                i.Id, i.Type, i.NormalizedValue, i.Description, i.Phases, i.Tlp, i.Confidence, i.CreatedAt, i.UpdatedAt,
                i.FirstSeen, i.LastSeen, i.ValidUntil, i.SightingCount))
            .ToListAsync(ct);
        return rows.Select(i => new TaxiiEntry(
                StixIds.Of(IndicatorType, i.Id), i.UpdatedAt, VersionOf(i.CreatedAt, i.UpdatedAt), w => w.WriteIndicator(i)))
            .Where(filter.Matches)
            .ToList();
    }

    /// <summary>
    /// Keyset after the cursor: later dates, or the same date and a later id. When the cursor is another type's object,
    /// the order of the type names decides whether this type's objects at that very date come before or after it.
    /// </summary>
    private static IQueryable<Indicator> AfterIndicator(IQueryable<Indicator> rows, TaxiiCursor cursor)
    {
        var at = cursor.DateAdded;
        var byType = string.CompareOrdinal(cursor.Type, IndicatorType);
        if (byType != 0)
        {
            return byType < 0 ? rows.Where(i => i.UpdatedAt >= at) : rows.Where(i => i.UpdatedAt > at);
        }

        var id = cursor.Uuid;
        // The leading ">=" lets an index on (UpdatedAt, Id) seek to the cursor; the OR then settles the tie.
        return rows.Where(i => i.UpdatedAt >= at && (i.UpdatedAt > at || i.Id.CompareTo(id) > 0));
    }

    private static IQueryable<ThreatReport> AfterReport(IQueryable<ThreatReport> rows, TaxiiCursor cursor)
    {
        var at = cursor.DateAdded;
        var byType = string.CompareOrdinal(cursor.Type, ReportType);
        if (byType != 0)
        {
            return byType < 0 ? rows.Where(r => r.UpdatedAt >= at) : rows.Where(r => r.UpdatedAt > at);
        }

        var id = cursor.Uuid;
        return rows.Where(r => r.UpdatedAt >= at && (r.UpdatedAt > at || r.Id.CompareTo(id) > 0));
    }

    /// <summary>
    /// match[version] timestamps as ranges of the stored UpdatedAt (a version is that time to the millisecond), so the
    /// database filters before the page is cut; null when no timestamp narrows the match.
    /// </summary>
    private static List<(DateTime From, DateTime To)>? VersionWindows(TaxiiFilter filter) =>
        filter.Versions.AnyKeyword || filter.Versions.Timestamps.Count == 0
            ? null
            : filter.Versions.Timestamps
                .Select(t => StixTimestamps.ToMilliseconds(t))
                .Distinct()
                .Select(t => (From: t, To: t.AddTicks(TimeSpan.TicksPerMillisecond)))
                .ToList();

    /// <summary>The "modified" the writer gives an object: its update time to the millisecond, never before its creation.</summary>
    private static DateTime VersionOf(DateTime created, DateTime updated)
    {
        var createdMs = StixTimestamps.ToMilliseconds(created);
        var updatedMs = StixTimestamps.ToMilliseconds(updated);
        return updatedMs < createdMs ? createdMs : updatedMs;
    }
}
