namespace AiCtiPortal.Engine.Artifacts;

/// <summary>How much a finding weighs in the verdict: High and Critical make it Malicious, Low and Medium Suspicious.</summary>
public enum Severity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
