namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>A finding's state: computed and waiting, or decided by a reviewer. Stored by name.</summary>
public enum SimilarityFindingStatus
{
    Open,
    Confirmed,
    Dismissed,
}
