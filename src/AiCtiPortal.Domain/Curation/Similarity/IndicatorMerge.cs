using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// Provenance of a duplicate merged into a published indicator when a reviewer confirmed a similarity finding: who
/// submitted the duplicate, from which report, when, and the value they submitted. The duplicate's row stays (status
/// Merged); the report links the surviving indicator instead. Not foreign keys, like the audit trail, so the record
/// outlives the rows it names.
/// </summary>
public class IndicatorMerge
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The published indicator that was kept.</summary>
    public Guid SurvivorIndicatorId { get; set; }

    /// <summary>The submitted duplicate, now Merged.</summary>
    public Guid MergedIndicatorId { get; set; }

    /// <summary>The report the duplicate was submitted with, which now links the survivor.</summary>
    public Guid ReportId { get; set; }

    public int ReportVersion { get; set; }

    /// <summary>The confirmed finding that caused the merge.</summary>
    public Guid FindingId { get; set; }

    public SimilarityFindingKind FindingKind { get; set; }

    public IndicatorType MergedType { get; set; }

    /// <summary>The value as the contributor submitted it (raw, before normalisation).</summary>
    public string MergedValue { get; set; } = "";

    public string SubmittedById { get; set; } = "";

    public DateTime SubmittedAt { get; set; }

    public string MergedById { get; set; } = "";

    public DateTime MergedAt { get; set; }
}
