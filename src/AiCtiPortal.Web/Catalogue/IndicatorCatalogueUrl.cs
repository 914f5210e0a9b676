using System.Globalization;
using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.Catalogue;

/// <summary>The indicator list's state in the address bar: /indicators?q=3f2a9c&amp;type=Url,Domain&amp;tlp=Clear&amp;sort=oldest&amp;page=2.</summary>
public sealed record IndicatorCatalogueUrl
{
    public string? Q { get; init; }

    public IReadOnlyList<IndicatorType> Types { get; init; } = [];

    public IReadOnlyList<Tlp> Tlps { get; init; } = [];

    public IndicatorCatalogueSort Sort { get; init; } = IndicatorCatalogueSort.Newest;

    public int Page { get; init; } = 1;

    public bool HasFilters => Types.Count + Tlps.Count > 0;

    public static IndicatorCatalogueUrl Parse(string? q, string? type, string? tlp, string? sort, string? page) => new()
    {
        Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
        Types = UrlLists.Enums<IndicatorType>(type),
        Tlps = UrlLists.Enums<Tlp>(tlp),
        Sort = Enum.TryParse<IndicatorCatalogueSort>(sort, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : IndicatorCatalogueSort.Newest,
        Page = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1,
    };

    public IndicatorCatalogueQuery ToQuery(int pageSize) =>
        new() { Text = Q, Types = Types, Tlps = Tlps, Sort = Sort, Page = Page, PageSize = pageSize };

    public string ToUri() => UrlLists.Uri("indicators", Parameters());

    public IEnumerable<KeyValuePair<string, string?>> HiddenFields() => Parameters().Where(p => p.Key is not ("q" or "page"));

    public IndicatorCatalogueUrl Toggle(IndicatorType type) => this with { Types = UrlLists.Toggle(Types, type), Page = 1 };

    public IndicatorCatalogueUrl Toggle(Tlp tlp) => this with { Tlps = UrlLists.Toggle(Tlps, tlp), Page = 1 };

    public IEnumerable<(string Label, IndicatorCatalogueUrl Without)> Chips()
    {
        var first = this with { Page = 1 };
        if (Q is not null)
        {
            yield return ($"“{Q}”", first with { Q = null });
        }

        foreach (var type in Types)
        {
            yield return (CatalogueLabels.Of(type), first.Toggle(type));
        }

        foreach (var tlp in Tlps)
        {
            yield return (CatalogueLabels.Of(tlp), first.Toggle(tlp));
        }
    }

    private IEnumerable<KeyValuePair<string, string?>> Parameters() => new Dictionary<string, string?>
    {
        ["q"] = Q,
        ["type"] = UrlLists.Join(Types),
        ["tlp"] = UrlLists.Join(Tlps),
        ["sort"] = Sort == IndicatorCatalogueSort.Newest ? null : Sort.ToString().ToLowerInvariant(),
        ["page"] = Page == 1 ? null : Page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value));
}
