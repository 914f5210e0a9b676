namespace AiCtiPortal.Engine.Artifacts;

/// <summary>Where a finding was seen: the member path inside a container (null for the file itself) and a byte offset.</summary>
public sealed record FindingLocation(string? Member, long Offset)
{
    public override string ToString() => Member is null ? $"@{Offset}" : $"{Member}@{Offset}";
}

/// <summary>
/// An indicator a scan yields. <see cref="Type"/> is the name of a portal <c>IndicatorType</c> member
/// ("PickleImport", "Url", "Domain", "IpAddress", "ChatTemplatePattern"); the engine has no dependency on the domain.
/// </summary>
public sealed record ExtractedIndicator(string Type, string Value);

/// <summary>One observation of a scan, with a stable <see cref="Code"/> (see <see cref="FindingCodes"/>).</summary>
public sealed record ArtifactFinding(
    Severity Severity,
    string Code,
    string Title,
    string Evidence,
    FindingLocation Location,
    ExtractedIndicator? Indicator = null);
