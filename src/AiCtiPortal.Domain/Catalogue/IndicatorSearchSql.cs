using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>The SQL of one indicator search: visibility and text always, type and TLP as facet filters.</summary>
internal sealed class IndicatorSearchSql
{
    private readonly HashSet<IndicatorType> _types;
    private readonly HashSet<Tlp> _tlps;

    public IndicatorSearchSql(IndicatorCatalogueQuery query, Tlp clearance, string? userId, SqlParameters parameters)
    {
        Parameters = parameters;
        _types = [.. query.Types];
        _tlps = [.. query.Tlps];
        var published = $"i.\"Status\" = '{nameof(ContentStatus.Published)}'";
        var ceiling = parameters.Add(clearance);
        Base = userId is null
            ? $"{published} AND i.\"Tlp\" <= {ceiling}"
            : $"{published} AND (i.\"Tlp\" <= {ceiling} OR i.\"CreatedById\" = {parameters.Add(userId)})";

        var text = CatalogueText.Parse(query.Text);
        MatchesNothing = text is { MatchesValues: false };
        if (text is { MatchesValues: true })
        {
            Base += " AND " + (parameters.IsSqlite
                ? $"""
                   i."Id" IN (SELECT k."ItemId" FROM "{CatalogueSearchSchema.SqliteIndicators}"
                     JOIN "{CatalogueSearchSchema.SqliteKeys}" k ON k."Key" = "{CatalogueSearchSchema.SqliteIndicators}".rowid
                     WHERE "{CatalogueSearchSchema.SqliteIndicators}" MATCH {parameters.Add(text.Fts5Value())})
                   """
                : $"i.\"NormalizedValue\" ILIKE {parameters.Add(text.LikePattern())}");
        }

        if (_types.Count > 0)
        {
            Filters.Add($"i.\"Type\" IN ({parameters.List(_types.Select(t => t.ToString()))})");
        }

        if (_tlps.Count > 0)
        {
            Filters.Add($"i.\"Tlp\" IN ({parameters.List(_tlps.Select(t => (int)t))})");
        }
    }

    public SqlParameters Parameters { get; }

    public string Base { get; }

    public List<string> Filters { get; } = [];

    /// <summary>A value too short to search by (under three characters) matches nothing rather than everything.</summary>
    public bool MatchesNothing { get; }

    public string Where() => string.Join(" AND ", new[] { Base }.Concat(Filters));

    public bool PassesType(IndicatorType type) => _types.Count == 0 || _types.Contains(type);

    public bool PassesTlp(Tlp tlp) => _tlps.Count == 0 || _tlps.Contains(tlp);

    public bool Passes(IndicatorType type, Tlp tlp) => PassesType(type) && PassesTlp(tlp);
}
