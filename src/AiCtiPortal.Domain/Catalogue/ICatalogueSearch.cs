using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// The published catalogue's one query service (pages, later the API). Every method takes the viewer as plain
/// values: <paramref name="clearance"/> is their TLP ceiling and <paramref name="userId"/> null when anonymous.
/// Only published items at or below the clearance are listed, searched, counted or related; an author also finds
/// their own published items above their clearance (the portal's "authors see their own" rule).
/// </summary>
public interface ICatalogueSearch
{
    Task<CataloguePage<ReportHit, ReportFacets>> SearchReportsAsync(
        CatalogueQuery query, Tlp clearance, string? userId, CancellationToken ct = default);

    Task<CataloguePage<IndicatorHit, IndicatorFacets>> SearchIndicatorsAsync(
        IndicatorCatalogueQuery query, Tlp clearance, string? userId, CancellationToken ct = default);

    /// <summary>Published reports sharing indicators or techniques with the report, most shared first.</summary>
    Task<IReadOnlyList<RelatedReport>> RelatedReportsAsync(
        Guid reportId, Tlp clearance, string? userId, int max = 10, CancellationToken ct = default);

    /// <summary>Scores of the published version's reviews; null when the report has none (or is not published).</summary>
    Task<ReportScores?> ScoresAsync(Guid reportId, CancellationToken ct = default);

    Task<ContributorReputation?> ReputationAsync(
        string authorId, Tlp clearance, string? userId, CancellationToken ct = default);
}
