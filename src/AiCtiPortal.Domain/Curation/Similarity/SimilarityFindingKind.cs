namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>How a submission resembles another item. Stored by name.</summary>
public enum SimilarityFindingKind
{
    /// <summary>An indicator with the same type and normalised value is already published.</summary>
    ExactDuplicateIndicator,

    /// <summary>A TLSH or ssdeep fingerprint within the threshold of a published one.</summary>
    NearDuplicateArtifact,

    /// <summary>The submission's pickle imports overlap a published report's (MinHash/Jaccard).</summary>
    SimilarImportSet,

    /// <summary>Report text (title, summary, body) or a prompt pattern close to a published one.</summary>
    SimilarText,

    /// <summary>A published report that already documents indicators the submission links.</summary>
    RelatedPublishedItem,
}
