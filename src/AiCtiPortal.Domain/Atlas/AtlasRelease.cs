namespace AiCtiPortal.Domain.Atlas;

/// <summary>One successful import of an ATLAS data file: which version, from where, and what it held.</summary>
public class AtlasRelease
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Version { get; set; } = "";

    public string Source { get; set; } = "";

    public DateTime ImportedAt { get; set; } = DateTime.UtcNow;

    public int TacticCount { get; set; }

    public int TechniqueCount { get; set; }

    public int MitigationCount { get; set; }

    public int CaseStudyCount { get; set; }
}
