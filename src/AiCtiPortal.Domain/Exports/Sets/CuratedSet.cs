using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>
/// A named, curator-defined slice of the published catalogue that organisations consume as exports and feeds. The
/// filter fields are criteria (an empty list or None means "any"); the readers say which organisations may read it.
/// </summary>
public class CuratedSet
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxTechniques = 200;

    public Guid Id { get; set; } = Guid.NewGuid();

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Items concerning at least one of these phases; None means any phase.</summary>
    public SupplyChainPhase Phases { get; set; }

    /// <summary>ATLAS technique ids; a technique also selects its sub-techniques. Empty means any.</summary>
    public List<string> TechniqueIds { get; set; } = [];

    /// <summary>Indicator types; reports qualify by documenting one of them. Empty means any.</summary>
    public List<IndicatorType> IndicatorTypes { get; set; } = [];

    /// <summary>The most restricted marking the set ever contains, whoever reads it.</summary>
    public Tlp TlpCeiling { get; set; } = Tlp.Green;

    /// <summary>0-100; 0 admits everything.</summary>
    public int MinConfidence { get; set; }

    /// <summary>0-100, or null for no minimum. When set, items not yet assessed (no quality score) are left out.</summary>
    public int? MinQualityScore { get; set; }

    /// <summary>Reports published at or after this instant (UTC); null for no lower bound.</summary>
    public DateTime? PublishedFrom { get; set; }

    /// <summary>Reports published before this instant (UTC, exclusive); null for no upper bound.</summary>
    public DateTime? PublishedTo { get; set; }

    public string CreatedById { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public string UpdatedById { get; set; } = "";

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Renewed by <see cref="CuratedSetStore"/> on every change, so a stale edit cannot overwrite a newer one.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>Archived sets are kept for their history but no longer offered to readers.</summary>
    public bool IsArchived { get; set; }

    public List<CuratedSetReader> Readers { get; set; } = [];
}
