using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Engine.Artifacts;

/// <summary>
/// What a scan found in one input, with its provenance (<see cref="Analyser"/> and <see cref="AnalyserVersion"/>) so a
/// verdict can be re-evaluated when the engine improves.
/// </summary>
public sealed record ScanReport
{
    public required string Name { get; init; }

    public required ArtifactFormat Format { get; init; }

    public required ScanVerdict Verdict { get; init; }

    public required IReadOnlyList<ArtifactFinding> Findings { get; init; }

    public required IReadOnlyList<ExtractedIndicator> Indicators { get; init; }

    /// <summary>Every callable a pickle imported, as module.name, in order of first appearance.</summary>
    public required IReadOnlyList<string> PickleImports { get; init; }

    /// <summary>The first calls (at most 1,000) the pickles would make, with offsets and argument summaries.</summary>
    public required IReadOnlyList<Pickle.PickleCall> PickleCalls { get; init; }

    /// <summary>What the analysers skipped or tolerated that does not weigh in the verdict (layout notes).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Lowercase hex SHA-256 of the whole input (null only when fingerprints were turned off).</summary>
    public string? Sha256 { get; init; }

    /// <summary>SHA-256, TLSH and ssdeep; null when fingerprints were off or the fuzzy hashes were skipped.</summary>
    public FileFingerprint? Fingerprint { get; init; }

    /// <summary>Why TLSH and ssdeep are missing (input over <see cref="ScanOptions.FuzzyHashMaxBytes"/>), else null.</summary>
    public string? FuzzyHashesSkipped { get; init; }

    public long Length { get; init; }

    public string Analyser { get; init; } = EngineInfo.Name;

    public string AnalyserVersion { get; init; } = EngineInfo.Version;

    public string PolicyName { get; init; } = string.Empty;

    public DateTime ScannedAtUtc { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>
    /// Verdict rule: any High or Critical finding is Malicious, any Low or Medium Suspicious; Info does not count. A
    /// format or content the engine could not read (an Info FORMAT_UNSUPPORTED finding) is Unsupported, never NoFindings.
    /// </summary>
    public static ScanVerdict Decide(ArtifactFormat format, IEnumerable<ArtifactFinding> findings)
    {
        var all = findings as IReadOnlyCollection<ArtifactFinding> ?? [.. findings];
        var worst = all.Select(f => (Severity?)f.Severity).Max();
        return worst switch
        {
            >= Severity.High => ScanVerdict.Malicious,
            >= Severity.Low => ScanVerdict.Suspicious,
            _ => format is ArtifactFormat.Unknown || all.Any(f => f.Code == FindingCodes.FormatUnsupported)
                ? ScanVerdict.Unsupported
                : ScanVerdict.NoFindings,
        };
    }
}
