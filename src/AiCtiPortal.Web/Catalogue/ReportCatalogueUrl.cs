using System.Globalization;
using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.Catalogue;

/// <summary>
/// The report catalogue's state as it lives in the address bar, so every search, facet and page is a bookmarkable
/// link: /reports?q=pickle&amp;phase=Data,Training&amp;technique=AML.T0010&amp;type=Url&amp;tlp=Green&amp;conf=75-100
/// &amp;published=30d&amp;score=4&amp;sort=score&amp;page=2. Unknown values are dropped rather than failing the page.
/// </summary>
public sealed record ReportCatalogueUrl
{
    public string? Q { get; init; }

    public IReadOnlyList<SupplyChainPhase> Phases { get; init; } = [];

    public IReadOnlyList<string> Techniques { get; init; } = [];

    public IReadOnlyList<IndicatorType> Types { get; init; } = [];

    public IReadOnlyList<Tlp> Tlps { get; init; } = [];

    /// <summary>A band key such as "75-100" (any "min-max" within 0-100 works).</summary>
    public string? Confidence { get; init; }

    /// <summary>A window key: "7d", "30d", "365d".</summary>
    public string? Published { get; init; }

    /// <summary>Minimum score, "2" to "5".</summary>
    public string? Score { get; init; }

    public CatalogueSort Sort { get; init; } = CatalogueSort.Newest;

    public int Page { get; init; } = 1;

    public bool HasFilters => Phases.Count + Techniques.Count + Types.Count + Tlps.Count > 0
        || Confidence is not null || Published is not null || Score is not null;

    public static ReportCatalogueUrl Parse(
        string? q, string? phase, string? technique, string? type, string? tlp, string? conf, string? published,
        string? score, string? sort, string? page) => new()
    {
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
        Phases = UrlLists.Enums<SupplyChainPhase>(phase).Where(p => CatalogueLabels.Phases.Contains(p)).ToList(),
        Techniques = UrlLists.Split(technique)
            .Where(t => t.Length <= 32 && t.All(c => char.IsLetterOrDigit(c) || c == '.')).ToList(),
        Types = UrlLists.Enums<IndicatorType>(type),
        Tlps = UrlLists.Enums<Tlp>(tlp),
        Confidence = ConfidenceRange(conf) is null ? null : conf,
        Published = PublishedDays(published) is null ? null : published,
        Score = MinScore(score) is null ? null : score,
        Sort = Enum.TryParse<CatalogueSort>(sort, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : CatalogueSort.Newest,
        Page = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1,
    };

    public CatalogueQuery ToQuery(DateTime now, int pageSize)
    {
        var confidence = ConfidenceRange(Confidence);
        return new CatalogueQuery
        {
            Text = Q,
            Phases = Phases,
            TechniqueIds = Techniques,
            IndicatorTypes = Types,
            Tlps = Tlps,
            MinConfidence = confidence?.Min,
            MaxConfidence = confidence?.Max,
            PublishedFrom = PublishedDays(Published) is { } days ? now.AddDays(-days) : null,
            MinScore = MinScore(Score),
            Sort = Sort,
            Page = Page,
            PageSize = pageSize,
        };
    }

    /// <summary>The link for this state; any change of filters goes back to page 1.</summary>
    public string ToUri() => UrlLists.Uri("reports", Parameters());

    /// <summary>What the search form must carry along besides the text, so searching keeps the chosen facets.</summary>
    public IEnumerable<KeyValuePair<string, string?>> HiddenFields() => Parameters().Where(p => p.Key is not ("q" or "page"));

    /// <summary>One removable chip per active filter, each linking to the state without it.</summary>
    public IEnumerable<(string Label, ReportCatalogueUrl Without)> Chips()
    {
        var first = this with { Page = 1 };
        if (Q is not null)
        {
            yield return ($"“{Q}”", first with { Q = null });
        }

        foreach (var phase in Phases)
        {
            yield return (CatalogueLabels.Of(phase), first.Toggle(phase));
        }

        foreach (var technique in Techniques)
        {
            yield return (technique, first.ToggleTechnique(technique));
        }

        foreach (var type in Types)
        {
            yield return (CatalogueLabels.Of(type), first.Toggle(type));
        }

        foreach (var tlp in Tlps)
        {
            yield return (CatalogueLabels.Of(tlp), first.Toggle(tlp));
        }

        if (Confidence is not null)
        {
            yield return ($"Confidence {Confidence}", first with { Confidence = null });
        }

        if (Published is not null)
        {
            yield return (CatalogueBands.Find(CatalogueBands.Published, Published)?.Label ?? $"Published in {Published}", first with { Published = null });
        }

        if (Score is not null)
        {
            yield return ($"Score {Score}+", first with { Score = null });
        }
    }

    private IEnumerable<KeyValuePair<string, string?>> Parameters()
    {
        return new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["phase"] = UrlLists.Join(Phases),
            ["technique"] = UrlLists.Join(Techniques),
            ["type"] = UrlLists.Join(Types),
            ["tlp"] = UrlLists.Join(Tlps),
            ["conf"] = Confidence,
            ["published"] = Published,
            ["score"] = Score,
            ["sort"] = Sort == CatalogueSort.Newest ? null : Sort.ToString().ToLowerInvariant(),
            ["page"] = Page == 1 ? null : Page.ToString(CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value));
    }

    public ReportCatalogueUrl Toggle(SupplyChainPhase phase) => this with { Phases = UrlLists.Toggle(Phases, phase), Page = 1 };

    public ReportCatalogueUrl Toggle(IndicatorType type) => this with { Types = UrlLists.Toggle(Types, type), Page = 1 };

    public ReportCatalogueUrl Toggle(Tlp tlp) => this with { Tlps = UrlLists.Toggle(Tlps, tlp), Page = 1 };

    public ReportCatalogueUrl ToggleTechnique(string id) => this with { Techniques = UrlLists.Toggle(Techniques, id), Page = 1 };

    public ReportCatalogueUrl WithConfidence(string? key) => this with { Confidence = key == Confidence ? null : key, Page = 1 };

    public ReportCatalogueUrl WithPublished(string? key) => this with { Published = key == Published ? null : key, Page = 1 };

    public ReportCatalogueUrl WithScore(string? key) => this with { Score = key == Score ? null : key, Page = 1 };

    public static (int Min, int Max)? ConfidenceRange(string? key)
    {
        var parts = key?.Split('-');
        return parts is [var min, var max]
            && int.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            && low <= high && high <= 100
                ? (low, high)
                : null;
    }

    public static int? PublishedDays(string? key) =>
        key is { Length: > 1 } && key[^1] == 'd'
        && int.TryParse(key[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is > 0 and <= 3660
            ? days
            : null;

    public static double? MinScore(string? key) =>
        double.TryParse(key, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5
            ? score
            : null;
}
