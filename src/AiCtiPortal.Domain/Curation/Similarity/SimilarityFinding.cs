namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// One thing a reviewer should know about a submission: it repeats or resembles an item already in the catalogue.
/// Computed by <see cref="SimilarityCheckJob"/> for one version of a submission; the reviewer confirms or dismisses
/// it. <see cref="PairKey"/> names the pair independently of the version, so a dismissed pair stays dismissed when a
/// later version (or a re-run) finds it again.
/// </summary>
public class SimilarityFinding
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The submission checked (a report in review, or a proposal).</summary>
    public Guid ReportId { get; set; }

    /// <summary>The submission's version the check ran against.</summary>
    public int ReportVersion { get; set; }

    public SimilarityFindingKind Kind { get; set; }

    /// <summary>The submission's own indicator that matched, when the finding is about an indicator.</summary>
    public Guid? SubjectIndicatorId { get; set; }

    /// <summary>The other item: a report, an indicator, or both (an indicator and the report documenting it).</summary>
    public Guid? OtherReportId { get; set; }

    public Guid? OtherIndicatorId { get; set; }

    /// <summary>Closeness 0-1, comparable across kinds (1 = identical).</summary>
    public double Score { get; set; }

    /// <summary>The engine's own figure: TLSH distance, ssdeep 0-100, Jaccard, or the item count of a common value.</summary>
    public double NativeScore { get; set; }

    /// <summary>
    /// What was compared and why it matched, in words a reviewer can check ("TLSH distance 23 (≤ 40 threshold)").
    /// Never names the other item: its title is shown only to reviewers cleared for it.
    /// </summary>
    public string Explanation { get; set; } = "";

    /// <summary>True for a "common value" summary that stands for many items instead of one finding each.</summary>
    public bool IsCommonValue { get; set; }

    public SimilarityFindingStatus Status { get; set; } = SimilarityFindingStatus.Open;

    /// <summary>SHA-256 hex of kind, the submission side and the other side; the same for every version.</summary>
    public string PairKey { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public string? DecidedById { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>Why the reviewer dismissed it (required for a dismissal).</summary>
    public string? DecisionReason { get; set; }

    public const int MaxExplanationLength = 1000;

    public const int MaxReasonLength = 1000;
}
