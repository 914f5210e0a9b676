using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>How catalogue results are ordered; every order breaks ties by id, so paging is stable.</summary>
public enum CatalogueSort
{
    /// <summary>Most recently published first (the default, and what "relevance" falls back to without text).</summary>
    Newest,
    Oldest,

    /// <summary>Highest review score first; unscored reports last.</summary>
    Score,
    Confidence,
    Title,
}

/// <summary>
/// One search of the published report catalogue. Values inside one facet are alternatives (any phase of those
/// listed); different facets narrow each other (phase AND technique AND ...). Empty lists mean "no filter".
/// </summary>
public sealed record CatalogueQuery
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Offset paging stops here: past 10,000 results a narrower search serves better than page 501.</summary>
    public const int MaxOffset = 10_000;

    /// <summary>Words matched against titles, summaries and the values of the report's indicators.</summary>
    public string? Text { get; init; }

    /// <summary>Single phase flags; a report matches when it has any of them.</summary>
    public IReadOnlyList<SupplyChainPhase> Phases { get; init; } = [];

    /// <summary>ATLAS technique ids (AML.T0010); a report matches when it maps any of them.</summary>
    public IReadOnlyList<string> TechniqueIds { get; init; } = [];

    /// <summary>A report matches when it documents at least one indicator of any of these types.</summary>
    public IReadOnlyList<IndicatorType> IndicatorTypes { get; init; } = [];

    /// <summary>TLP markings to show; levels above the viewer's clearance are ignored, never widened.</summary>
    public IReadOnlyList<Tlp> Tlps { get; init; } = [];

    public int? MinConfidence { get; init; }

    public int? MaxConfidence { get; init; }

    /// <summary>Inclusive lower bound on the publication time (UTC).</summary>
    public DateTime? PublishedFrom { get; init; }

    /// <summary>Exclusive upper bound on the publication time (UTC).</summary>
    public DateTime? PublishedTo { get; init; }

    /// <summary>Minimum review score (1-5); unscored reports never pass a score filter.</summary>
    public double? MinScore { get; init; }

    public CatalogueSort Sort { get; init; } = CatalogueSort.Newest;

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Clamped to 1..<see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Facet counts cost one aggregate query; callers that only page (an API) may skip them.</summary>
    public bool IncludeFacets { get; init; } = true;
}

/// <summary>One search of the published indicators (the /indicators page).</summary>
public sealed record IndicatorCatalogueQuery
{
    /// <summary>Matched against the value as entered and its normalised form (a hash prefix matches).</summary>
    public string? Text { get; init; }

    public IReadOnlyList<IndicatorType> Types { get; init; } = [];

    public IReadOnlyList<Tlp> Tlps { get; init; } = [];

    public IndicatorCatalogueSort Sort { get; init; } = IndicatorCatalogueSort.Newest;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = CatalogueQuery.DefaultPageSize;

    public bool IncludeFacets { get; init; } = true;
}

public enum IndicatorCatalogueSort
{
    Newest,
    Oldest,
    Confidence,
    Value,
}
