namespace AiCtiPortal.Domain.Reviews;

/// <summary>One reviewer's decision and rubric scores on one version of a report.</summary>
public class Review
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ReportId { get; set; }

    /// <summary>The <see cref="Reports.ReportVersion.Number"/> the reviewer read; decisions count per version.</summary>
    public int ReportVersion { get; set; }

    public string ReviewerId { get; set; } = "";

    public ReviewDecision Decision { get; set; }

    /// <summary>Required for RequestChanges and Reject: the author must learn what to fix or why.</summary>
    public string? Comment { get; set; }

    public int EvidenceScore { get; set; }

    public int SpecificityScore { get; set; }

    public int CorrectnessScore { get; set; }

    public int NoveltyScore { get; set; }

    public int CompletenessScore { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
