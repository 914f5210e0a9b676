namespace AiCtiPortal.Domain.Atlas;

/// <summary>What an import wrote: the release row's id and the counts a curator checks against the ATLAS site.</summary>
public sealed record AtlasImportResult(
    Guid ReleaseId,
    string Version,
    string Source,
    int TacticCount,
    int TechniqueCount,
    int MitigationCount,
    int CaseStudyCount)
{
    public string Summary => $"Imported ATLAS {Version}: {TacticCount} tactics, {TechniqueCount} techniques";
}
