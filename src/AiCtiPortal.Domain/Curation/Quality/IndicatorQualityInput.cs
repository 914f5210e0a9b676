using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// What the indicator checks read: a snapshot of one stored (or drafted) indicator, so a job can project a million
/// rows without tracking entities and a page can assess an unsaved one. Dates are UTC.
/// </summary>
public sealed record IndicatorQualityInput(
    Guid Id,
    IndicatorType Type,
    string Value,
    string NormalizedValue,
    string ValueHash,
    string? Description,
    SupplyChainPhase Phases,
    Tlp Tlp,
    int Confidence,
    DateTime? FirstSeen,
    DateTime? LastSeen,
    DateTime? ValidUntil)
{
    public static IndicatorQualityInput From(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return new IndicatorQualityInput(
            indicator.Id, indicator.Type, indicator.Value, indicator.NormalizedValue, indicator.ValueHash,
            indicator.Description, indicator.Phases, indicator.Tlp, indicator.Confidence, indicator.FirstSeen,
            indicator.LastSeen, indicator.ValidUntil);
    }
}

/// <summary>
/// What another item says about the same value (same ValueHash): the input of the contradictory-verdicts check.
/// Callers showing findings to a person pass only claims that person may see (<paramref name="Tlp"/>), since the
/// finding's message counts them. A job may pass a whole group of rows sharing a hash: the item's own row is ignored.
/// </summary>
/// <param name="IndicatorId">The other indicator row.</param>
/// <param name="ReportId">A report it belongs to, if any: what a reviewer would open to compare.</param>
public sealed record IndicatorClaim(
    Guid IndicatorId,
    Guid? ReportId,
    ContentStatus Status,
    int Confidence,
    DateTime? ValidUntil,
    Tlp Tlp)
{
    public static IndicatorClaim From(Indicator indicator, Guid? reportId = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return new IndicatorClaim(indicator.Id, reportId, indicator.Status, indicator.Confidence, indicator.ValidUntil, indicator.Tlp);
    }
}
