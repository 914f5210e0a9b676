namespace AiCtiPortal.Domain.Atlas;

/// <summary>An ATLAS data file as read and validated, ready to replace the catalogue.</summary>
internal sealed record AtlasDocument(
    string Version,
    IReadOnlyList<AtlasTactic> Tactics,
    IReadOnlyList<AtlasTechnique> Techniques,
    int MitigationCount,
    int CaseStudyCount);
