namespace AiCtiPortal.Domain.Atlas;

/// <summary>Bound from "Jobs:AtlasImport": where ATLAS comes from and how much of it the portal will read.</summary>
public sealed class AtlasImportOptions
{
    public const string Section = "Jobs:AtlasImport";

    public const string DefaultSourceUrl = "https://raw.githubusercontent.com/mitre-atlas/atlas-data/main/dist/ATLAS.yaml";

    /// <summary>The official release file, fetched when a curator imports "from MITRE" without choosing a file.</summary>
    public string SourceUrl { get; set; } = DefaultSourceUrl;

    /// <summary>Largest file the importer reads, uploaded or downloaded (ATLAS 5.6.0 is about 0.5 MB).</summary>
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>How long a download may take before the import fails.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A local ATLAS.yaml, relative to the content root. In Development, when set and the database has no ATLAS
    /// release yet, the portal imports it at start-up.
    /// </summary>
    public string? LocalFile { get; set; }
}
