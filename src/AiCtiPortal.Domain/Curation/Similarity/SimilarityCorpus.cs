using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// The published catalogue as sets, in the engine's MinHash/LSH indexes: each report's text shingles, each report's
/// pickle import set (warning-list imports left out), and each prompt-pattern indicator's character shingles.
/// Match ids are report ids (text, imports) or indicator ids (prompts). Holds every TLP level: the reviewer's
/// panel filters what it shows.
/// </summary>
public sealed class SimilarityCorpus
{
    /// <summary>Words per shingle of report text: three-word phrases survive re-wording of single words.</summary>
    public const int TextShingleWords = 3;

    /// <summary>Characters per shingle of a prompt pattern: robust to small edits inside words.</summary>
    public const int PromptShingleCharacters = 5;

    private static readonly IndicatorType[] PromptTypes =
        [IndicatorType.PromptInjectionPattern, IndicatorType.JailbreakPattern, IndicatorType.ChatTemplatePattern];

    private SimilarityCorpus(
        MinHashLshIndex text, MinHashLshIndex imports, Dictionary<Guid, HashSet<string>> importSets,
        MinHashLshIndex prompts, Dictionary<Guid, string> promptHashes)
    {
        Text = text;
        Imports = imports;
        ImportSets = importSets;
        Prompts = prompts;
        PromptHashes = promptHashes;
    }

    public MinHashLshIndex Text { get; }

    public MinHashLshIndex Imports { get; }

    /// <summary>Each indexed report's import set, for the exact Jaccard and the counts an explanation gives.</summary>
    public IReadOnlyDictionary<Guid, HashSet<string>> ImportSets { get; }

    public MinHashLshIndex Prompts { get; }

    /// <summary>ValueHash of each indexed prompt indicator, so an identical value is left to the exact check.</summary>
    public IReadOnlyDictionary<Guid, string> PromptHashes { get; }

    public static bool IsPrompt(IndicatorType type) => PromptTypes.Contains(type);

    /// <summary>The text a report is compared by.</summary>
    public static HashSet<string> TextShingles(string title, string summary, string body) =>
        Shingles.Words($"{title}\n{summary}\n{body}", TextShingleWords);

    /// <summary>A report's pickle imports without the warning list's, which every benign checkpoint shares.</summary>
    public static HashSet<string> ImportSet(IEnumerable<string> imports)
    {
        var set = Shingles.ImportSet(imports);
        set.ExceptWith(CommonValueWarningList.PickleImports);
        return set;
    }

    public static async Task<SimilarityCorpus> BuildAsync(IQueryable<ThreatReport> reports, IQueryable<ReportIndicator> links,
        IQueryable<Indicator> indicators, SimilarityOptions options, CancellationToken ct)
    {
        var text = new List<MinHashRecord>();
        var published = reports.AsNoTracking().Where(r => r.Status == ContentStatus.Published && r.ProposalForId == null)
            .Select(r => new { r.Id, r.Title, r.Summary, r.BodyMarkdown }).AsAsyncEnumerable();
        await foreach (var r in published.WithCancellation(ct))
        {
            text.Add(new MinHashRecord(r.Id.ToString(), MinHashSignature.FromStrings(TextShingles(r.Title, r.Summary, r.BodyMarkdown))));
        }

        var importNames = new Dictionary<Guid, List<string>>();
        var importRows = links.AsNoTracking()
            .Where(l => l.Report!.Status == ContentStatus.Published && l.Report.ProposalForId == null
                && l.Indicator!.Type == IndicatorType.PickleImport && l.Indicator.Status == ContentStatus.Published)
            .Select(l => new { l.ReportId, l.Indicator!.NormalizedValue }).AsAsyncEnumerable();
        await foreach (var row in importRows.WithCancellation(ct))
        {
            if (!importNames.TryGetValue(row.ReportId, out var names))
            {
                importNames[row.ReportId] = names = [];
            }

            names.Add(row.NormalizedValue);
        }

        var importSets = new Dictionary<Guid, HashSet<string>>();
        foreach (var (reportId, names) in importNames)
        {
            var set = ImportSet(names);
            if (set.Count >= options.MinImportSetSize)
            {
                importSets[reportId] = set;
            }
        }

        var prompts = new List<MinHashRecord>();
        var promptHashes = new Dictionary<Guid, string>();
        var promptRows = indicators.AsNoTracking()
            .Where(i => PromptTypes.Contains(i.Type) && i.Status == ContentStatus.Published)
            .Select(i => new { i.Id, i.Type, i.NormalizedValue, i.ValueHash }).AsAsyncEnumerable();
        await foreach (var p in promptRows.WithCancellation(ct))
        {
            if (CommonValueWarningList.Reason(p.Type, p.NormalizedValue) is null)
            {
                prompts.Add(new MinHashRecord(p.Id.ToString(), MinHashSignature.FromStrings(Shingles.Characters(p.NormalizedValue, PromptShingleCharacters))));
                promptHashes[p.Id] = p.ValueHash;
            }
        }

        return new SimilarityCorpus(
            MinHashLshIndex.Build(text, options.TextJaccard),
            MinHashLshIndex.Build(importSets.Select(s => new MinHashRecord(s.Key.ToString(), MinHashSignature.FromStrings(s.Value), s.Value)), options.ImportSetJaccard),
            importSets,
            MinHashLshIndex.Build(prompts, options.PromptJaccard),
            promptHashes);
    }
}
