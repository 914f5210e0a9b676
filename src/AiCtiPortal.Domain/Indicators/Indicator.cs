using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Indicators;

/// <summary>An AI-specific indicator of compromise, typed from the catalogue and stored in canonical form.</summary>
public class Indicator
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public IndicatorType Type { get; set; }

    /// <summary>The value as the contributor entered it.</summary>
    public string Value { get; set; } = "";

    /// <summary>The canonical form the catalogue produced; what matching, exports and duplicates use.</summary>
    public string NormalizedValue { get; set; } = "";

    /// <summary>
    /// SHA-256 (hex) of type and normalised value: a short, indexable key for exact-duplicate lookups, since values
    /// such as prompt patterns are too long for a B-tree index.
    /// </summary>
    public string ValueHash { get; set; } = "";

    public string? Description { get; set; }

    public SupplyChainPhase Phases { get; set; }

    public Tlp Tlp { get; set; } = Tlp.Green;

    public int Confidence { get; set; } = 50;

    public ContentStatus Status { get; set; } = ContentStatus.Draft;

    public string CreatedById { get; set; } = "";

    public PortalUser? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? FirstSeen { get; set; }

    public DateTime? LastSeen { get; set; }

    public DateTime? ValidUntil { get; set; }

    public int SightingCount { get; set; }

    /// <summary>
    /// 0-100 from the quality checks (Curation/Quality), stored by the quality job with its reasons in
    /// QualityAssessments; null until the indicator has been assessed.
    /// </summary>
    public int? QualityScore { get; set; }

    /// <summary>
    /// The confidence a person gave the indicator, kept when the nightly decay lowers <see cref="Confidence"/>
    /// (Curation/Quality/README.md, confidence decay). Null until the decay first looked at the row.
    /// </summary>
    public int? SubmittedConfidence { get; set; }

    /// <summary>
    /// The value the decay last wrote into <see cref="Confidence"/>. When the two differ a person has set the
    /// confidence since, and that becomes the new <see cref="SubmittedConfidence"/>: an edit is never undone.
    /// </summary>
    public int? DecayedConfidence { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<ReportIndicator> Reports { get; set; } = [];
}
