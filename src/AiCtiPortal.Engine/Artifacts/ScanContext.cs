using System.Diagnostics;
using AiCtiPortal.Engine.Artifacts.Policy;
using AiCtiPortal.Engine.Artifacts.Text;

namespace AiCtiPortal.Engine.Artifacts;

/// <summary>The state shared by the analysers of one scan: options, collected findings, indicators and budgets.</summary>
internal sealed class ScanContext
{
    private readonly List<ArtifactFinding> _findings = [];
    private readonly HashSet<ExtractedIndicator> _indicators = [];
    private readonly List<ExtractedIndicator> _indicatorOrder = [];
    private readonly List<string> _imports = [];
    private readonly HashSet<string> _importSet = new(StringComparer.Ordinal);
    private readonly List<Pickle.PickleCall> _calls = [];
    private readonly List<string> _notes = [];
    private readonly HashSet<string> _noteSet = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _deadlineReported;
    private int _droppedIndicators;

    public ScanContext(ScanOptions options) => Options = options;

    public ScanOptions Options { get; }

    public ArtifactPolicy Policy => Options.Policy;

    public IReadOnlyList<ArtifactFinding> Findings => _findings;

    public IReadOnlyList<ExtractedIndicator> Indicators => _indicatorOrder;

    public IReadOnlyList<string> Imports => _imports;

    public IReadOnlyList<Pickle.PickleCall> Calls => _calls;

    public long CallCount { get; private set; }

    /// <summary>
    /// Decompressed bytes currently held in memory for analysis, across nested compressed streams (gzip in gzip):
    /// together they stay within <see cref="ScanOptions.MaxPickleBytes"/>.
    /// </summary>
    public long HeldDecompressedBytes { get; set; }

    public void RecordCall(Pickle.PickleCall call)
    {
        CallCount++;
        if (_calls.Count < 1_000)
        {
            _calls.Add(call);
        }
    }

    public IReadOnlyList<string> Notes => _droppedIndicators == 0
        ? _notes
        : [.. _notes, $"{_droppedIndicators} further indicators were not recorded (limit {Options.MaxIndicators})."];

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Add(Severity severity, string code, string title, string evidence, string? member, long offset, ExtractedIndicator? indicator = null)
    {
        _findings.Add(new ArtifactFinding(severity, code, title, Clip(evidence, 2_000), new FindingLocation(member, offset), indicator));
        if (indicator is not null)
        {
            RecordIndicator(indicator);
        }
    }

    public void Note(string note)
    {
        if (_notes.Count < 200 && _noteSet.Add(note))
        {
            _notes.Add(note);
        }
    }

    public void RecordImport(string fullName)
    {
        if (_importSet.Add(fullName) && _imports.Count < 10_000)
        {
            _imports.Add(fullName);
        }
    }

    /// <summary>True once the scan is over its time budget (reported once); analysers stop early when it is.</summary>
    public bool OverBudget(string? member, long offset)
    {
        if (_clock.Elapsed <= Options.MaxDuration)
        {
            return false;
        }

        if (!_deadlineReported)
        {
            _deadlineReported = true;
            Add(Severity.Low, FindingCodes.ScanLimit, "Scan stopped at its time budget",
                $"The scan exceeded {Options.MaxDuration.TotalSeconds:0} s; the rest of the input was not analysed.", member, offset);
        }

        return true;
    }

    /// <summary>Reports URLs, domains and IPs in a string as Info findings, once per distinct indicator per scan.</summary>
    public void ScanText(string text, string where, string? member, long offset)
    {
        foreach (var indicator in IndicatorExtractor.Extract(text))
        {
            if (_indicators.Contains(indicator))
            {
                continue;
            }

            if (_indicators.Count >= Options.MaxIndicators)
            {
                _droppedIndicators++;
                continue;
            }

            string code = indicator.Type switch
            {
                IndicatorExtractor.Url => FindingCodes.StringUrl,
                IndicatorExtractor.IpAddress => FindingCodes.StringIpAddress,
                _ => FindingCodes.StringDomain,
            };
            Add(Severity.Info, code, $"{indicator.Type} in {where}", Clip(indicator.Value, 300), member, offset, indicator);
        }
    }

    public static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    private void RecordIndicator(ExtractedIndicator indicator)
    {
        if (_indicators.Add(indicator))
        {
            _indicatorOrder.Add(indicator);
        }
    }
}
