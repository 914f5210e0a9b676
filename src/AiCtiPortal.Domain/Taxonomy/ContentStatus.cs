namespace AiCtiPortal.Domain.Taxonomy;

/// <summary>Lifecycle shared by reports and indicators: drafted, reviewed, then published or not.</summary>
public enum ContentStatus
{
    Draft,
    InReview,
    ChangesRequested,
    Published,
    Rejected,

    /// <summary>Confirmed as a duplicate and merged into another item; kept for provenance.</summary>
    Merged,
}
