namespace AiCtiPortal.Web.Artifacts;

/// <summary>
/// The JSON body of POST /api/artifacts/scan. PolicyName and PolicyVersion say which rules judged the file
/// (version 0 is the engine's built-in default, 1 and up the curators' saved versions).
/// </summary>
public sealed record ScanResponse(
    string FileName,
    string Verdict,
    string Analyzer,
    string AnalyzerVersion,
    string PolicyName,
    int PolicyVersion,
    string Format,
    string? Sha256,
    string? Tlsh,
    string? Ssdeep,
    IReadOnlyList<ScanResponseFinding> Findings,
    IReadOnlyList<ScanResponseIndicator> Indicators,
    IReadOnlyList<ScanResponseMatch> Matches)
{
    public static ScanResponse From(ArtifactScanResult scan)
    {
        var report = scan.Report;
        return new ScanResponse(
            scan.FileName,
            report.Verdict.ToString(),
            report.Analyser,
            report.AnalyserVersion,
            report.PolicyName,
            scan.PolicyVersion,
            report.Format.ToString(),
            report.Fingerprint?.Sha256,
            report.Fingerprint?.Tlsh?.ToString(),
            report.Fingerprint?.Ssdeep.ToString(),
            report.Findings.Select(f => new ScanResponseFinding(
                f.Severity.ToString(), f.Code, f.Title, f.Evidence, f.Location.Member, f.Location.Offset)).ToList(),
            report.Indicators.Select(i => new ScanResponseIndicator(i.Type, i.Value)).ToList(),
            scan.Matches.Select(m => new ScanResponseMatch(
                m.IndicatorId, m.Type.ToString(), m.Value, m.Kind.ToString(), m.Score, m.Explanation)).ToList());
    }
}

public sealed record ScanResponseFinding(
    string Severity, string Code, string Title, string Evidence,
    string? Member, long Offset);

public sealed record ScanResponseIndicator(string Type, string Value);

public sealed record ScanResponseMatch(Guid IndicatorId, string Type, string Value, string Kind, double Score, string Explanation);
