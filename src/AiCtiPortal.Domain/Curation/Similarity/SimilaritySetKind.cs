namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>Which set a stored MinHash signature summarises. Stored by name; also mixed into every band key.</summary>
public enum SimilaritySetKind
{
    /// <summary>A published report's title, summary and body as three-word shingles (item = report id).</summary>
    ReportText,

    /// <summary>A published report's pickle imports, warning-list imports left out (item = report id).</summary>
    ReportImports,

    /// <summary>A published prompt-pattern indicator's five-character shingles (item = indicator id).</summary>
    Prompt,
}
