using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>
/// A set as one reader may read it: its filter with techniques expanded to their sub-techniques, and the ceiling that
/// applies (the set's own, lowered to the reading organisation's clearance). Only <see cref="CuratedSetResolver"/>
/// and the store build one, after checking the reader, so no caller can raise a ceiling by constructing its own.
/// </summary>
public sealed class CuratedSetScope
{
    internal CuratedSetScope(CuratedSet set, Tlp ceiling, Guid? organisationId, IReadOnlyList<string> techniqueIds)
    {
        SetId = set.Id;
        SetName = set.Name;
        SetUpdatedAt = set.UpdatedAt;
        Ceiling = ceiling < set.TlpCeiling ? ceiling : set.TlpCeiling;
        OrganisationId = organisationId;
        Phases = set.Phases;
        TechniqueIds = techniqueIds;
        IndicatorTypes = [.. set.IndicatorTypes];
        MinConfidence = set.MinConfidence;
        MinQualityScore = set.MinQualityScore;
        PublishedFrom = set.PublishedFrom;
        PublishedTo = set.PublishedTo;
    }

    public Guid SetId { get; }

    public string SetName { get; }

    /// <summary>
    /// When the set's filter or readers last changed. An incremental export whose previous run is older than this
    /// must be a full one: items may have entered or left the set without changing themselves.
    /// </summary>
    public DateTime SetUpdatedAt { get; }

    /// <summary>The most restricted marking this reader receives: min(set ceiling, organisation clearance).</summary>
    public Tlp Ceiling { get; }

    /// <summary>The organisation read on behalf of; null when a curator reads the set itself.</summary>
    public Guid? OrganisationId { get; }

    public SupplyChainPhase Phases { get; }

    /// <summary>The set's techniques and all their sub-techniques known to the ATLAS catalogue.</summary>
    public IReadOnlyList<string> TechniqueIds { get; }

    public IReadOnlyList<IndicatorType> IndicatorTypes { get; }

    public int MinConfidence { get; }

    /// <summary>Null for no minimum; otherwise items without a quality score are excluded too.</summary>
    public int? MinQualityScore { get; }

    public DateTime? PublishedFrom { get; }

    public DateTime? PublishedTo { get; }

    /// <summary>The same scope with a lower ceiling (never a higher one).</summary>
    internal CuratedSetScope LoweredTo(Tlp ceiling) => ceiling >= Ceiling ? this : new CuratedSetScope(this, ceiling);

    private CuratedSetScope(CuratedSetScope other, Tlp ceiling)
    {
        SetId = other.SetId;
        SetName = other.SetName;
        SetUpdatedAt = other.SetUpdatedAt;
        Ceiling = ceiling;
        OrganisationId = other.OrganisationId;
        Phases = other.Phases;
        TechniqueIds = other.TechniqueIds;
        IndicatorTypes = other.IndicatorTypes;
        MinConfidence = other.MinConfidence;
        MinQualityScore = other.MinQualityScore;
        PublishedFrom = other.PublishedFrom;
        PublishedTo = other.PublishedTo;
    }
}
