using System.Text.Json;
using System.Text.Json.Serialization;
using AiCtiPortal.Engine.Artifacts;

namespace AiCtiPortal.Cli.Commands;

/// <summary>
/// <c>aicti scan [--json] [--kb LIST] PATH...</c>: static analysis of model files (never loading them), with their
/// fingerprints matched against a known list in the 'aicti fingerprint' format.
/// </summary>
internal static class ScanCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(string[] args, CliConsole console)
    {
        var options = Options.Parse(
            args,
            new HashSet<string> { "--json" },
            new HashSet<string> { "--kb", "--tlsh-threshold", "--ssdeep-threshold" });
        if (options.Positional.Count == 0)
        {
            throw new UsageException("scan needs at least one PATH");
        }

        int tlshThreshold = options.Int("--tlsh-threshold", 50, 0, 10_000);
        int ssdeepThreshold = options.Int("--ssdeep-threshold", 50, 1, 100);
        KnownIndexes? known = null;
        if (options.Value("--kb") is { } kb)
        {
            var list = FingerprintList.Read(kb, console);
            if (list is null)
            {
                return CliApp.Error;
            }

            known = KnownIndexes.Build(list);
        }

        bool flagged = false;
        var results = new List<object>();
        foreach (string file in FileWalker.Expand(options.Positional, console))
        {
            ScanReport report;
            try
            {
                report = ArtifactScanner.ScanFile(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.CannotRead(file, e);
                continue;
            }

            var matches = known is null ? []
                : report.Fingerprint is { } fingerprint ? known.Match(fingerprint, tlshThreshold, ssdeepThreshold).ToList()
                : report.Sha256 is { } sha256 ? known.MatchSha256(sha256).ToList()
                : [];
            flagged |= report.Verdict is ScanVerdict.Malicious or ScanVerdict.Suspicious || matches.Count > 0;
            if (options.Has("--json"))
            {
                results.Add(ToJson(file, report, matches));
            }
            else
            {
                PrintText(console.Out, file, report, matches);
            }
        }

        if (options.Has("--json"))
        {
            console.Out.WriteLine(JsonSerializer.Serialize(results, Json));
        }

        return flagged ? CliApp.Matched : console.HadError ? CliApp.Error : CliApp.NoMatch;
    }

    private static void PrintText(TextWriter output, string file, ScanReport report, List<(ListedFingerprint Entry, string Reasons)> matches)
    {
        output.WriteLine($"{file}\t{report.Verdict}\t{report.Format}\t{report.Findings.Count} findings");
        foreach (var f in report.Findings.OrderByDescending(f => f.Severity))
        {
            output.WriteLine($"  [{f.Severity}] {f.Code} {f.Location}: {f.Title} — {f.Evidence}");
        }

        foreach (var (entry, reasons) in matches)
        {
            output.WriteLine($"  [kb] {entry.Path} ({reasons})");
        }
    }

    private static object ToJson(string file, ScanReport report, List<(ListedFingerprint Entry, string Reasons)> matches) => new
    {
        path = file,
        format = report.Format,
        verdict = report.Verdict,
        analyser = report.Analyser,
        analyserVersion = report.AnalyserVersion,
        policy = report.PolicyName,
        length = report.Length,
        sha256 = report.Sha256,
        tlsh = report.Fingerprint?.Tlsh?.ToString(),
        ssdeep = report.Fingerprint?.Ssdeep.ToString(),
        fuzzyHashesSkipped = report.FuzzyHashesSkipped,
        durationMs = report.Duration.TotalMilliseconds,
        findings = report.Findings.Select(f => new
        {
            severity = f.Severity,
            code = f.Code,
            title = f.Title,
            evidence = f.Evidence,
            member = f.Location.Member,
            offset = f.Location.Offset,
            indicator = f.Indicator,
        }),
        indicators = report.Indicators,
        pickleImports = report.PickleImports,
        notes = report.Notes,
        kbMatches = matches.Select(m => new { path = m.Entry.Path, reasons = m.Reasons }),
    };
}
