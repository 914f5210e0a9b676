using AiCtiPortal.Engine.Artifacts;

namespace AiCtiPortal.Engine.Tests.Artifacts;

/// <summary>Scans in-memory samples and states expectations about their findings.</summary>
internal static class Scans
{
    public static readonly ScanOptions Fast = new() { ComputeFingerprints = false };

    public static ScanReport Run(byte[] bytes, string name = "sample.bin", ScanOptions? options = null) =>
        ArtifactScanner.Scan(new MemoryStream(bytes, writable: false), name, options ?? Fast);

    public static ArtifactFinding Single(ScanReport report, string code) =>
        Assert.Single(report.Findings, f => f.Code == code);

    public static void Has(ScanReport report, string code, Severity? severity = null)
    {
        Assert.True(
            report.Findings.Any(f => f.Code == code && (severity is null || f.Severity == severity)),
            $"Expected {code}{(severity is null ? string.Empty : $" ({severity})")}; got:\n{Describe(report)}");
    }

    public static void Lacks(ScanReport report, string code) =>
        Assert.False(report.Findings.Any(f => f.Code == code), $"Did not expect {code}; got:\n{Describe(report)}");

    public static void Clean(ScanReport report)
    {
        Assert.True(report.Findings.Count == 0, $"Expected no findings; got:\n{Describe(report)}");
        Assert.Equal(ScanVerdict.NoFindings, report.Verdict);
    }

    public static string Describe(ScanReport report) =>
        $"format {report.Format}, verdict {report.Verdict}\n" + string.Join('\n', report.Findings.Select(f => $"  [{f.Severity}] {f.Code} {f.Location}: {f.Title} — {f.Evidence}"));
}
