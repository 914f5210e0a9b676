using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>
/// What a set contains, as composable queries, so counts, exports and the report-to-indicator links all apply one
/// definition. Only published catalogue items qualify, never above the scope's ceiling.
/// </summary>
internal static class CuratedSetQueries
{
    /// <summary>
    /// The earliest possible change time: reads in export order (UpdatedAt, then Id) bound UpdatedAt below by it when
    /// they have no other lower bound. It filters nothing, but without it SQLite, which has no statistics, prefers the
    /// report facet index for the ceiling's range and sorts every report of the set before the first row (0.4 s at
    /// 100,000 reports); with it, SQLite seeks the (Status, UpdatedAt, Id) index and stops after the page.
    /// </summary>
    public static readonly DateTime Earliest = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);

    /// <summary>
    /// Published reports within the ceiling and confidence that concern one of the phases, use one of the techniques,
    /// were published in the range and document a published indicator (within the ceiling) of one of the types.
    /// </summary>
    public static IQueryable<ThreatReport> Reports(PortalDbContext db, CuratedSetScope scope)
    {
        var reports = Linkable(db, scope);
        var minimum = scope.MinConfidence;
        if (minimum > 0)
        {
            reports = reports.Where(r => r.Confidence >= minimum);
        }

        if (scope.MinQualityScore is { } minimumQuality)
        {
            // A null score (not yet assessed) never compares as >=, so unscored reports are left out in both databases.
            reports = reports.Where(r => r.QualityScore >= minimumQuality);
        }

        var phases = scope.Phases;
        if (phases != SupplyChainPhase.None)
        {
            reports = reports.Where(r => (r.Phases & phases) != SupplyChainPhase.None);
        }

        if (scope.IndicatorTypes.Count > 0)
        {
            var types = scope.IndicatorTypes.ToList();
            var ceiling = scope.Ceiling;
            reports = reports.Where(r => r.Indicators.Any(l =>
                l.Indicator!.Status == ContentStatus.Published && l.Indicator.Tlp <= ceiling && types.Contains(l.Indicator.Type)));
        }

        return reports;
    }

    /// <summary>
    /// Published indicators within the ceiling and confidence, of one of the types and phases; when the set names
    /// techniques or a publication range, only those documented by a published report (within the ceiling) that
    /// uses one of the techniques and was published in the range.
    /// </summary>
    public static IQueryable<Indicator> Indicators(PortalDbContext db, CuratedSetScope scope)
    {
        var ceiling = scope.Ceiling;
        var indicators = db.Indicators.AsNoTracking().Where(i => i.Status == ContentStatus.Published && i.Tlp <= ceiling);
        var minimum = scope.MinConfidence;
        if (minimum > 0)
        {
            indicators = indicators.Where(i => i.Confidence >= minimum);
        }

        if (scope.MinQualityScore is { } minimumQuality)
        {
            indicators = indicators.Where(i => i.QualityScore >= minimumQuality);
        }

        var phases = scope.Phases;
        if (phases != SupplyChainPhase.None)
        {
            indicators = indicators.Where(i => (i.Phases & phases) != SupplyChainPhase.None);
        }

        if (scope.IndicatorTypes.Count > 0)
        {
            var types = scope.IndicatorTypes.ToList();
            indicators = indicators.Where(i => types.Contains(i.Type));
        }

        if (scope.TechniqueIds.Count > 0 || scope.PublishedFrom is not null || scope.PublishedTo is not null)
        {
            var documenting = Linkable(db, scope);
            indicators = indicators.Where(i => db.ReportIndicators.Any(l => l.IndicatorId == i.Id && documenting.Any(r => r.Id == l.ReportId)));
        }

        return indicators;
    }

    /// <summary>Published catalogue reports within the ceiling, filtered by the set's techniques and publication range.</summary>
    private static IQueryable<ThreatReport> Linkable(PortalDbContext db, CuratedSetScope scope)
    {
        var ceiling = scope.Ceiling;
        var reports = db.Reports.AsNoTracking()
            .Where(r => r.Status == ContentStatus.Published && r.ProposalForId == null && r.Tlp <= ceiling);
        if (scope.PublishedFrom is { } from)
        {
            reports = reports.Where(r => r.PublishedAt >= from);
        }

        if (scope.PublishedTo is { } to)
        {
            reports = reports.Where(r => r.PublishedAt < to);
        }

        if (scope.TechniqueIds.Count > 0)
        {
            var techniques = scope.TechniqueIds.ToList();
            reports = reports.Where(r => r.Techniques.Any(t => techniques.Contains(t.TechniqueId)));
        }

        return reports;
    }

    /// <summary>The set's techniques with every sub-technique the ATLAS catalogue lists under them.</summary>
    public static async Task<IReadOnlyList<string>> ExpandTechniquesAsync(PortalDbContext db, IReadOnlyList<string> techniqueIds, CancellationToken ct)
    {
        if (techniqueIds.Count == 0)
        {
            return [];
        }

        var named = techniqueIds.ToList();
        var children = await db.AtlasTechniques.AsNoTracking()
            .Where(t => t.ParentId != null && named.Contains(t.ParentId))
            .Select(t => t.Id)
            .ToListAsync(ct);
        return named.Concat(children).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
