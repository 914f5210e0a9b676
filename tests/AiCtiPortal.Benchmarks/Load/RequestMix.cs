using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>
/// What the simulated users ask for: the catalogue's page URLs as a browser's address bar carries them (search
/// text, facets, sort and paging on /reports; value and hash lookups on /indicators) and the review queue.
/// Kinds name what is measured, one line per kind in the results.
/// </summary>
internal sealed class RequestMix(IReadOnlyList<(string Type, string Normalized)> samples)
{
    public const string ReportsText = "reports: text search";
    public const string ReportsFacets = "reports: facets";
    public const string ReportsPaging = "reports: sort + page";
    public const string IndicatorsHash = "indicators: hash";
    public const string IndicatorsFragment = "indicators: fragment";
    public const string IndicatorsType = "indicators: type + page";
    public const string ReviewQueue = "reviews: queue";

    public static readonly string[] CatalogueKinds =
        [ReportsText, ReportsFacets, ReportsPaging, IndicatorsHash, IndicatorsFragment, IndicatorsType];

    private static readonly string[] Sorts = ["newest", "oldest", "score", "confidence", "title"];
    private static readonly string[] Ranges = ["0-24", "25-49", "50-74", "75-100"];
    private static readonly string[] Periods = ["7d", "30d", "90d", "365d"];
    private static readonly string[] TlpNames = ["Clear", "Green", "Amber"];
    private static readonly string[] Fragments = ["cobalt-", "nimbus", "falcon-quant", "example.net", "/tensor/", "loader1", "posix.system"];

    private readonly List<(string Type, string Normalized)> _hashes = samples
        .Where(s => s.Type is nameof(IndicatorType.ModelFileSha256) or nameof(IndicatorType.DatasetSha256)).ToList();

    public (string Kind, string Url) Next(UserKind user, Random random)
    {
        if (user == UserKind.Reviewer && random.Next(2) == 0)
        {
            return (ReviewQueue, "/reviews");
        }

        return random.Next(100) switch
        {
            < 30 => (ReportsText, $"/reports?q={Uri.EscapeDataString(SearchText(random))}"),
            < 50 => (ReportsFacets, "/reports?" + Facets(random)),
            < 65 => (ReportsPaging, $"/reports?sort={SyntheticText.Pick(random, Sorts)}&page={1 + random.Next(50)}"),
            < 80 => (IndicatorsHash, $"/indicators?q={Uri.EscapeDataString(HashQuery(random))}"),
            < 90 => (IndicatorsFragment, $"/indicators?q={Uri.EscapeDataString(SyntheticText.Pick(random, Fragments))}"),
            _ => (IndicatorsType, $"/indicators?type={SyntheticText.Pick(random, Enum.GetNames<IndicatorType>())}&page={1 + random.Next(20)}"),
        };
    }

    /// <summary>Common words, rare code names (most exist, some do not), two-word phrases and technique ids.</summary>
    private static string SearchText(Random random) => random.Next(4) switch
    {
        0 => SyntheticText.Pick(random, SyntheticText.CommonTerms),
        1 => SyntheticText.CodeName(random),
        2 => $"{SyntheticText.Pick(random, SyntheticText.CommonTerms)} {SyntheticText.Pick(random, SyntheticText.CommonTerms)}",
        _ => SyntheticText.Pick(random, SyntheticText.Components).Split(' ')[0],
    };

    private static string Facets(Random random)
    {
        var parts = new List<string>();
        var phases = Enum.GetValues<SupplyChainPhase>().Where(p => p != SupplyChainPhase.None).ToArray();
        while (parts.Count < 1 + random.Next(3))
        {
            parts.Add(random.Next(7) switch
            {
                0 => $"phase={SyntheticText.Pick(random, phases)}",
                1 => $"technique={SyntheticText.Pick(random, AtlasLikeIds.Techniques)}",
                2 => $"type={SyntheticText.Pick(random, Enum.GetNames<IndicatorType>())}",
                3 => $"tlp={SyntheticText.Pick(random, TlpNames)}",
                4 => $"conf={SyntheticText.Pick(random, Ranges)}",
                5 => $"published={SyntheticText.Pick(random, Periods)}",
                _ => $"score={2 + random.Next(3)}",
            });
        }

        if (random.Next(3) == 0)
        {
            parts.Add($"q={Uri.EscapeDataString(SyntheticText.Pick(random, SyntheticText.CommonTerms))}");
        }

        return string.Join('&', parts.Distinct());
    }

    /// <summary>A value the catalogue holds: a whole hash as pasted from a tool, or a hash prefix, or a whole value.</summary>
    private string HashQuery(Random random)
    {
        if (samples.Count == 0)
        {
            return "3f2a9c0d5e8b";
        }

        if (_hashes.Count > 0 && random.Next(3) != 0)
        {
            var hash = SyntheticText.Pick(random, _hashes).Normalized;
            return random.Next(2) == 0 ? hash : hash[..16];
        }

        return SyntheticText.Pick(random, samples).Normalized;
    }
}
