using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.Artifacts;

/// <summary>
/// Turns a scan into the start of a contribution: a draft report the author then completes in the editor. Only
/// indicator types the portal knows are carried over, each (type, value) once, plus the file's fingerprints.
/// </summary>
public static class ScanDraftBuilder
{
    private const int TitleLimit = 200;
    private const int ValueLimit = 8192;

    public static ReportDraft Build(ArtifactScanResult scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var report = scan.Report;
        var title = $"Scan of {scan.FileName}";
        var draft = new ReportDraft
        {
            Title = title.Length > TitleLimit ? title[..TitleLimit] : title,
            Summary = $"Static scan of {scan.FileName} ({report.Format}) by {report.Analyser} {report.AnalyserVersion} " +
                $"under scan policy {scan.PolicyLabel}: " +
                $"verdict {report.Verdict}, {report.Findings.Count} finding(s).",
            Phases = SupplyChainPhase.None,
        };

        var seen = new HashSet<(IndicatorType, string)>();
        void Add(IndicatorType type, string? value, string description)
        {
            if (!string.IsNullOrWhiteSpace(value) && value.Length <= ValueLimit && seen.Add((type, value)))
            {
                draft.Indicators.Add(new DraftIndicator { Type = type, Value = value, Description = description });
            }
        }

        if (report.Fingerprint is { } fingerprint)
        {
            Add(IndicatorType.ModelFileSha256, fingerprint.Sha256, $"SHA-256 of {scan.FileName}");
            Add(IndicatorType.ModelFileTlsh, fingerprint.Tlsh?.ToString(), $"TLSH of {scan.FileName}");
            Add(IndicatorType.ModelFileSsdeep, fingerprint.Ssdeep.ToString(), $"ssdeep of {scan.FileName}");
        }

        foreach (var indicator in report.Indicators)
        {
            // The engine names portal types by their enum names; anything else is not the portal's to store.
            if (Enum.TryParse<IndicatorType>(indicator.Type, ignoreCase: false, out var type) && Enum.IsDefined(type))
            {
                Add(type, indicator.Value, $"Extracted from {scan.FileName}");
            }
        }

        return draft;
    }
}
