using AiCtiPortal.Domain.Artifacts;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Engine.Artifacts;
using AiCtiPortal.Engine.Similarity.Indexing;

namespace AiCtiPortal.Web.Artifacts;

/// <summary>A knowledge-base indicator the scanned file's fingerprint matched, with the index's explanation.</summary>
public sealed record KnowledgeBaseMatch(
    Guid IndicatorId, IndicatorType Type, string Value, SimilarityKind Kind, double Score, string Explanation);

/// <summary>
/// One scan as the portal shows it: the engine's report (named after the upload), the matches, and the number of the
/// scan-policy version that judged it (0: the engine's built-in default).
/// </summary>
public sealed record ArtifactScanResult(
    string FileName, ScanReport Report, IReadOnlyList<KnowledgeBaseMatch> Matches, int PolicyVersion = 0)
{
    /// <summary>The policy's name and version, as the result page and the API show it.</summary>
    public string PolicyLabel => CurrentScanPolicy.Describe(Report.PolicyName, PolicyVersion);
}
