namespace AiCtiPortal.Engine.Artifacts;

/// <summary>
/// The outcome of a static scan. There is deliberately no "Safe": a scan can only say it found nothing it knows about.
/// </summary>
public enum ScanVerdict
{
    NoFindings,
    Suspicious,
    Malicious,
    Unsupported,
}
