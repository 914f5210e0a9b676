using System.Globalization;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Catalogue;

internal enum ReportFacet
{
    Phase,
    Technique,
    IndicatorType,
    Tlp,
    Confidence,
    Published,
    Score,
}

/// <summary>
/// The SQL of one report search: the visibility rule and text match (always applied) and one condition per active
/// facet filter, kept apart so each facet's counts can apply all the other filters but not its own.
/// All values go through <see cref="SqlParameters"/>; nothing the user typed is spliced into SQL text.
/// </summary>
internal sealed class ReportSearchSql
{
    private readonly Dictionary<ReportFacet, string> _filters = [];

    public ReportSearchSql(CatalogueQuery query, Tlp clearance, string? userId, SqlParameters parameters)
    {
        Parameters = parameters;
        var published = $"r.\"Status\" = '{nameof(ContentStatus.Published)}'";
        var ceiling = parameters.Add(clearance);

        // Authors also find their own published reports above their clearance (the portal-wide "own items" rule).
        Base = userId is null
            ? $"{published} AND r.\"Tlp\" <= {ceiling}"
            : $"{published} AND (r.\"Tlp\" <= {ceiling} OR r.\"AuthorId\" = {parameters.Add(userId)})";
        if (CatalogueText.Parse(query.Text) is { } text)
        {
            Base += $" AND ({TextCondition(text, ceiling, userId, parameters)})";
        }

        AddFilters(query);
    }

    public SqlParameters Parameters { get; }

    /// <summary>Visibility and text: what every count and the page apply.</summary>
    public string Base { get; }

    public IReadOnlyDictionary<ReportFacet, string> Filters => _filters;

    public string Where() => string.Join(" AND ", new[] { Base }.Concat(_filters.Values));

    /// <summary>The inner query of the facet aggregate: one 0/1 column per active filter, named f_{facet}.</summary>
    public string FlagColumns() =>
        string.Concat(_filters.Select(f => $", CASE WHEN {f.Value} THEN 1 ELSE 0 END AS f_{f.Key}"));

    /// <summary>The product of the other facets' flags: 1 when a row passes every filter except <paramref name="facet"/>'s.</summary>
    public string OthersPass(ReportFacet? facet)
    {
        var others = _filters.Keys.Where(k => k != facet).Select(k => $"x.f_{k}").ToList();
        return others.Count == 0 ? "1" : string.Join(" * ", others);
    }

    private static string TextCondition(CatalogueText text, string ceiling, string? userId, SqlParameters parameters)
    {
        // An indicator only makes a report match when the viewer may see that indicator: otherwise a search could
        // reveal what an AMBER indicator's value is by which CLEAR reports it finds.
        var visibleIndicator = $"i.\"Status\" = '{nameof(ContentStatus.Published)}' AND " + (userId is null
            ? $"i.\"Tlp\" <= {ceiling}"
            : $"(i.\"Tlp\" <= {ceiling} OR i.\"CreatedById\" = {parameters.Add(userId)})");
        if (parameters.IsSqlite)
        {
            var words =
                $"""
                r."Id" IN (SELECT k."ItemId" FROM "{CatalogueSearchSchema.SqliteReports}"
                  JOIN "{CatalogueSearchSchema.SqliteKeys}" k ON k."Key" = "{CatalogueSearchSchema.SqliteReports}".rowid
                  WHERE "{CatalogueSearchSchema.SqliteReports}" MATCH {parameters.Add(text.Fts5Words())})
                """;
            return !text.MatchesValues ? words :
                $"""
                {words} OR r."Id" IN (SELECT ri."ReportId" FROM "{CatalogueSearchSchema.SqliteIndicators}"
                  JOIN "{CatalogueSearchSchema.SqliteKeys}" k ON k."Key" = "{CatalogueSearchSchema.SqliteIndicators}".rowid
                  JOIN "Indicators" i ON i."Id" = k."ItemId"
                  JOIN "ReportIndicators" ri ON ri."IndicatorId" = i."Id"
                  WHERE "{CatalogueSearchSchema.SqliteIndicators}" MATCH {parameters.Add(text.Fts5Value())} AND {visibleIndicator})
                """;
        }

        var vector = $"to_tsvector('simple'::regconfig, r.\"Title\" || ' ' || r.\"Summary\")";
        var tsWords = $"{vector} @@ to_tsquery('simple'::regconfig, {parameters.Add(text.TsQuery())})";
        if (!text.MatchesValues)
        {
            return tsWords;
        }

        // One IN over a UNION, not "words OR IN (...)": PostgreSQL cannot combine an OR with a subquery into a bitmap,
        // and would compute the tsvector of every report instead of using either index (seconds at 100,000 reports).
        return
            $"""
            r."Id" IN (SELECT t."Id" FROM "Reports" t
                         WHERE to_tsvector('simple'::regconfig, t."Title" || ' ' || t."Summary") @@ to_tsquery('simple'::regconfig, {parameters.Add(text.TsQuery())})
                       UNION
                       SELECT ri."ReportId" FROM "Indicators" i JOIN "ReportIndicators" ri ON ri."IndicatorId" = i."Id"
                         WHERE i."NormalizedValue" ILIKE {parameters.Add(text.LikePattern())} AND {visibleIndicator})
            """;
    }

    private void AddFilters(CatalogueQuery query)
    {
        var p = Parameters;
        var phases = query.Phases.Aggregate(0, (mask, phase) => mask | (int)phase);
        if (phases != 0)
        {
            _filters[ReportFacet.Phase] = $"(r.\"Phases\" & {p.Add(phases)}) <> 0";
        }

        if (query.TechniqueIds.Count > 0)
        {
            _filters[ReportFacet.Technique] =
                $"r.\"Id\" IN (SELECT t.\"ReportId\" FROM \"ReportTechniques\" t WHERE t.\"TechniqueId\" IN ({p.List(query.TechniqueIds.Distinct())}))";
        }

        var types = CatalogueStatistics.MaskOf(query.IndicatorTypes);
        if (types != 0)
        {
            _filters[ReportFacet.IndicatorType] = $"(COALESCE(r.\"IndicatorTypeMask\", 0) & {p.Add(types)}) <> 0";
        }

        if (query.Tlps.Count > 0)
        {
            _filters[ReportFacet.Tlp] = $"r.\"Tlp\" IN ({p.List(query.Tlps.Distinct().Select(t => (int)t))})";
        }

        var confidence = new List<string>();
        if (query.MinConfidence is { } min)
        {
            confidence.Add($"r.\"Confidence\" >= {p.Add(min)}");
        }

        if (query.MaxConfidence is { } max)
        {
            confidence.Add($"r.\"Confidence\" <= {p.Add(max)}");
        }

        if (confidence.Count > 0)
        {
            _filters[ReportFacet.Confidence] = string.Join(" AND ", confidence);
        }

        var published = new List<string>();
        if (query.PublishedFrom is { } from)
        {
            published.Add($"r.\"PublishedAt\" >= {p.Add(DateTime.SpecifyKind(from, DateTimeKind.Utc))}");
        }

        if (query.PublishedTo is { } to)
        {
            published.Add($"r.\"PublishedAt\" < {p.Add(DateTime.SpecifyKind(to, DateTimeKind.Utc))}");
        }

        if (published.Count > 0)
        {
            _filters[ReportFacet.Published] = string.Join(" AND ", published);
        }

        if (query.MinScore is { } score)
        {
            _filters[ReportFacet.Score] = $"r.\"CatalogueScore\" >= {p.Add(score)}";
        }
    }

    public static string Literal(double value) => value.ToString("0.0###", CultureInfo.InvariantCulture);
}
