using AiCtiPortal.Benchmarks.Load;
using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Curation.Quality;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Benchmarks.Quality;

/// <summary>
/// Inputs shaped like the nightly re-check's: indicators of the catalogue's type mix stored exactly as the portal
/// stores them (value, normalised form, hash), about 5% spoiled in the ways the checks look for, and about 5% whose
/// value other published items also claim, some of them disagreeing.
/// </summary>
internal sealed class QualityCorpus
{
    public static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Descriptions =
        ["Seen in a malicious upload to a public hub.", "Delivered by a typosquatted package.", "Planted in retrieved web content."];

    private QualityCorpus(IndicatorQualityInput[] indicators, IReadOnlyList<IndicatorClaim>?[] claims, ReportQualityInput[] reports, TechniqueTactics atlas)
    {
        Indicators = indicators;
        Claims = claims;
        Reports = reports;
        Atlas = atlas;
    }

    public IndicatorQualityInput[] Indicators { get; }

    /// <summary>Other items' claims per indicator, null for the 95% whose value no one else reported.</summary>
    public IReadOnlyList<IndicatorClaim>?[] Claims { get; }

    public ReportQualityInput[] Reports { get; }

    public TechniqueTactics Atlas { get; }

    public static QualityCorpus Create(int indicatorCount, int reportCount, int seed)
    {
        var random = new Random(seed);
        var indicators = new IndicatorQualityInput[indicatorCount];
        var claims = new IReadOnlyList<IndicatorClaim>?[indicatorCount];
        for (var i = 0; i < indicatorCount; i++)
        {
            indicators[i] = Spoil(Indicator(random), random);
            if (random.Next(20) == 0)
            {
                claims[i] = [Claim(random), Claim(random)];
            }
        }

        var reports = new ReportQualityInput[reportCount];
        for (var i = 0; i < reportCount; i++)
        {
            reports[i] = Report(random);
        }

        return new QualityCorpus(indicators, claims, reports, Techniques());
    }

    private static IndicatorQualityInput Indicator(Random random)
    {
        var type = SyntheticIndicators.PickType(random);
        var (raw, normalized) = SyntheticIndicators.Create(type, random);
        if (raw == normalized)
        {
            normalized = raw; // share one string when equal: a million rows must fit beside the other engineers' work
        }

        var lastSeen = Now.AddDays(-random.Next(0, 60));
        return new IndicatorQualityInput(
            Guid.NewGuid(), type, raw, normalized, IndicatorCatalogue.ValueHash(type, normalized),
            Descriptions[random.Next(Descriptions.Length)], IndicatorCatalogue.Describe(type).DefaultPhases, Tlp.Green,
            random.Next(40, 95), lastSeen.AddDays(-random.Next(0, 200)), lastSeen, Now.AddDays(random.Next(30, 400)));
    }

    private static IndicatorQualityInput Spoil(IndicatorQualityInput indicator, Random random) => random.Next(100) switch
    {
        0 => indicator with { ValidUntil = Now.AddDays(-random.Next(1, 100)) },
        1 => indicator with { FirstSeen = null, LastSeen = Now.AddDays(-random.Next(400, 900)) },
        2 => indicator with { Description = null, LastSeen = null, ValidUntil = null },
        3 => indicator with { ValueHash = new string('0', 64) },
        4 => indicator with { Phases = SupplyChainPhase.None, Value = indicator.Value + "\u0000" },
        _ => indicator,
    };

    private static IndicatorClaim Claim(Random random) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ContentStatus.Published, random.Next(0, 101), null, Tlp.Green);

    private static ReportQualityInput Report(Random random)
    {
        var code = SyntheticText.CodeName(random);
        var title = SyntheticText.Title(random, code);
        var summary = SyntheticText.Summary(random, code);
        var phases = (SupplyChainPhase)(1 << random.Next(6)) | (random.Next(3) == 0 ? (SupplyChainPhase)(1 << random.Next(6)) : 0);
        var techniques = Enumerable.Range(0, random.Next(0, 4)).Select(_ => SyntheticText.Pick(random, AtlasLikeIds.Techniques)).ToArray();
        var references = Enumerable.Range(0, random.Next(0, 3))
            .Select(n => new ReferenceQualityInput($"https://advisories.example.com/{code.ToLowerInvariant()}/{n}", random.Next(10) == 0 ? "TLP:AMBER bulletin" : "Advisory"))
            .ToArray();
        return new ReportQualityInput(Guid.NewGuid(), title, summary, SyntheticText.Body(random, title, summary), phases,
            (Tlp)random.Next(5), references, techniques, random.Next(0, 12));
    }

    /// <summary>ATLAS-shaped techniques, each under one or two tactics; sub-techniques inherit from their parent.</summary>
    private static TechniqueTactics Techniques() => TechniqueTactics.From(AtlasLikeIds.Techniques.Select(id =>
    {
        var number = AtlasLikeIds.Number(id);
        var tactics = AtlasLikeIds.ParentOf(id) is null
            ? new[] { AtlasLikeIds.Tactics[number % 16], AtlasLikeIds.Tactics[number * 7 % 16] }.Distinct()
            : [];
        return new AtlasTechnique
        {
            Id = id,
            ParentId = AtlasLikeIds.ParentOf(id),
            Tactics = tactics.Select(t => new AtlasTechniqueTactic { TechniqueId = id, TacticId = t }).ToList(),
        };
    }));
}
