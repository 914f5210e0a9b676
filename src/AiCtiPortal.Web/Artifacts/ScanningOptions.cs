namespace AiCtiPortal.Web.Artifacts;

/// <summary>Section "Scanning": limits for artifact uploads, shared by the scan page, the API and Kestrel.</summary>
public sealed class ScanningOptions
{
    public const string Section = "Scanning";

    /// <summary>Largest upload accepted for a scan, in bytes (default 2 GiB: large checkpoints are the point).</summary>
    public long MaxUploadBytes { get; set; } = 2L << 30;
}
