using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>One page of results, the total that matched, and the facet counts (null when not asked for).</summary>
public sealed record CataloguePage<TItem, TFacets>(
    IReadOnlyList<TItem> Items, int TotalCount, int Page, int PageSize, TFacets? Facets)
    where TFacets : class
{
    public int PageCount => TotalCount == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>
/// How many results a facet value would give. <see cref="Key"/> is what goes back into the query (and the URL):
/// the enum name, the technique id, or the band's key (for example "75-100", "30d", "4").
/// </summary>
public sealed record FacetCount(string Key, string Label, int Count);

/// <summary>Each facet's counts apply every other filter of the query, but not its own (conventional faceting).</summary>
public sealed record ReportFacets(
    IReadOnlyList<FacetCount> Phases,
    IReadOnlyList<FacetCount> Techniques,
    IReadOnlyList<FacetCount> IndicatorTypes,
    IReadOnlyList<FacetCount> Tlps,
    IReadOnlyList<FacetCount> ConfidenceBands,
    IReadOnlyList<FacetCount> PublishedRanges,
    IReadOnlyList<FacetCount> ScoreBands);

public sealed record IndicatorFacets(IReadOnlyList<FacetCount> Types, IReadOnlyList<FacetCount> Tlps);

public sealed record ReportHit(
    Guid Id, string Title, string Summary, SupplyChainPhase Phases, Tlp Tlp, int Confidence,
    DateTime PublishedAt, double? Score, string AuthorId, string AuthorName);

public sealed record IndicatorHit(
    Guid Id, IndicatorType Type, string NormalizedValue, Tlp Tlp, int Confidence, DateTime UpdatedAt);

/// <summary>A published report related to another through shared indicators and techniques.</summary>
public sealed record RelatedReport(
    Guid Id, string Title, Tlp Tlp, DateTime PublishedAt, int SharedIndicators, int SharedTechniques);

/// <summary>Mean rubric scores of the reviews of a report's published version.</summary>
public sealed record ReportScores(
    int ReviewCount, double Overall, double Evidence, double Specificity, double Correctness, double Novelty,
    double Completeness);

/// <summary>A contributor's standing, counted over the published reports the viewer may see.</summary>
public sealed record ContributorReputation(string UserId, string DisplayName, int AcceptedCount, double? MeanScore);
