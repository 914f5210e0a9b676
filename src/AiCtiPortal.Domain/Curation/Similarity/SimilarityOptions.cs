namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>Thresholds of the similarity checks (configuration section "Curation:Similarity").</summary>
public sealed class SimilarityOptions
{
    public const string Section = "Curation:Similarity";

    /// <summary>
    /// A value found in more published items than this is "common": one summary finding instead of one per item,
    /// so a ubiquitous value never links a submission to thousands of reports (MISP's correlation explosion).
    /// </summary>
    public int CommonValueThreshold { get; set; } = 50;

    /// <summary>Largest TLSH distance reported as a near duplicate (stricter than the engine's "related" 50).</summary>
    public int TlshThreshold { get; set; } = 40;

    /// <summary>Smallest ssdeep score (0-100) reported as a near duplicate.</summary>
    public int SsdeepMinScore { get; set; } = 50;

    /// <summary>Smallest Jaccard similarity of two pickle import sets reported.</summary>
    public double ImportSetJaccard { get; set; } = 0.5;

    /// <summary>Import sets smaller than this (after dropping the warning list) say too little to compare.</summary>
    public int MinImportSetSize { get; set; } = 3;

    /// <summary>Smallest estimated Jaccard of report text shingles reported.</summary>
    public double TextJaccard { get; set; } = 0.5;

    /// <summary>Smallest estimated Jaccard of prompt-pattern character shingles reported.</summary>
    public double PromptJaccard { get; set; } = 0.6;
}
