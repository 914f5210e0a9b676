namespace AiCtiPortal.Engine.Similarity.Indexing;

/// <summary>Which index produced a match, and therefore how <see cref="SimilarityMatch.Score"/> reads.</summary>
public enum SimilarityKind
{
    /// <summary>Identical key (SHA-256 or another normalised string); score 1.</summary>
    Exact,

    /// <summary>TLSH distance: lower is closer, 0 means identical digests.</summary>
    Tlsh,

    /// <summary>ssdeep match score 0-100: higher is closer.</summary>
    Ssdeep,

    /// <summary>Estimated Jaccard similarity 0-1: higher is closer.</summary>
    MinHash,
}

/// <summary>
/// One result of an index query. The explanation is meant for analysts: it says what was compared and why the
/// record matched, so a verdict can be traced back without re-running the query.
/// </summary>
/// <param name="Id">Identifier of the indexed record, as given when the index was built.</param>
/// <param name="Kind">Index that produced the match.</param>
/// <param name="Score">Distance (TLSH), 0-100 score (ssdeep), Jaccard (MinHash) or 1 (exact).</param>
/// <param name="Explanation">Human-readable reason, e.g. "TLSH distance 23 (length included)".</param>
public sealed record SimilarityMatch(string Id, SimilarityKind Kind, double Score, string Explanation);
