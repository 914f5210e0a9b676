using System.Data.Common;
using System.Runtime.CompilerServices;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// The only part of a search the database answers: which published items the typed text matches, returned as
/// snapshot positions (ascending, so in the default order). SQLite reads integer keys from its FTS5 tables alone;
/// PostgreSQL uses its tsvector and trigram indexes. Everything the user typed is a parameter.
/// </summary>
internal static class CatalogueTextMatches
{
    private const string Published = $"'{nameof(ContentStatus.Published)}'";

    /// <summary>Published reports whose title or summary has every word (each a prefix), whoever looks.</summary>
    public static async Task<int[]> ReportWordsAsync(PortalDbContext db, CatalogueSnapshot snapshot, CatalogueText text, CancellationToken ct)
    {
        var reports = snapshot.Reports;
        var sqlite = db.Database.IsSqlite();
        var words = sqlite
            ? $"""SELECT rowid FROM "{CatalogueSearchSchema.SqliteReports}" WHERE "{CatalogueSearchSchema.SqliteReports}" MATCH @p0"""
            : $"""SELECT "Id" FROM "Reports" WHERE {CatalogueSearchSchema.PostgresReportVector} @@ to_tsquery('simple'::regconfig, @p0) AND "Status" = {Published}""";
        var matches = new List<int>();
        await EachPositionAsync(db, words, [sqlite ? text.Fts5Words() : text.TsQuery()], reports.PositionByKey, reports.PositionById, matches.Add, ct);
        matches.Sort();
        return [.. matches.Distinct()];
    }

    /// <summary>
    /// The reports a viewer's search finds: those the words match, and those documenting an indicator whose value
    /// matches that the viewer may see. Only a visible indicator counts: otherwise which CLEAR reports a search finds
    /// could reveal an AMBER indicator's value. Both inputs are the same for every viewer, so the database is asked
    /// once per text and this in-memory join is all that depends on who looks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // loops over every report position; see ReportFilter
    public static int[] ReportsFor(CatalogueSnapshot snapshot, SnapshotViewer viewer, int[] wordMatches, int[]? valueMatches)
    {
        if (valueMatches is null or [])
        {
            return wordMatches;
        }

        var marks = new bool[snapshot.Reports.Count];
        foreach (var position in wordMatches)
        {
            marks[position] = true;
        }

        var indicators = snapshot.Indicators;
        foreach (var position in valueMatches)
        {
            if (viewer.Sees(indicators.Tlps[position], indicators.Creators[position]))
            {
                for (var i = indicators.ReportStarts[position]; i < indicators.ReportStarts[position + 1]; i++)
                {
                    marks[indicators.Reports[i]] = true;
                }
            }
        }

        var matches = new List<int>();
        for (var position = 0; position < marks.Length; position++)
        {
            if (marks[position])
            {
                matches.Add(position);
            }
        }

        return [.. matches];
    }

    /// <summary>Published indicators whose normalised value contains the phrase (a hash prefix, a URL fragment).</summary>
    public static async Task<int[]> IndicatorsAsync(PortalDbContext db, CatalogueSnapshot snapshot, CatalogueText text, CancellationToken ct)
    {
        var matches = new List<int>();
        await ValuesAsync(db, text, snapshot, matches.Add, ct);
        matches.Sort();
        return [.. matches.Distinct()];
    }

    private static Task ValuesAsync(PortalDbContext db, CatalogueText text, CatalogueSnapshot snapshot, Action<int> found, CancellationToken ct)
    {
        var indicators = snapshot.Indicators;
        if (db.Database.IsSqlite())
        {
            return EachPositionAsync(db,
                $"""SELECT rowid FROM "{CatalogueSearchSchema.SqliteIndicators}" WHERE "{CatalogueSearchSchema.SqliteIndicators}" MATCH @p0""",
                [text.Fts5Value()], indicators.PositionByKey, indicators.PositionById, found, ct);
        }

        // A pasted SHA-256 has 62 trigrams, each in thousands of hex values: intersecting them all cost 20 ms where
        // ten characters' 8 trigrams already leave one candidate (1.7 ms; sixteen characters took 4.5 ms). So the
        // index gets a bounded window of the phrase, and strpos (which no index serves) checks the whole phrase on the
        // few rows left. The window is the phrase's end: a URL's distinctive part (the model, the file) comes last,
        // while its start ("https://hu") is shared by half the catalogue.
        return text.Phrase.Length <= IndexedPhraseLength
            ? EachPositionAsync(db, $"""SELECT "Id" FROM "Indicators" WHERE "NormalizedValue" ILIKE @p0 AND "Status" = {Published}""",
                [text.LikePattern()], indicators.PositionByKey, indicators.PositionById, found, ct)
            : EachPositionAsync(db,
                $"""SELECT "Id" FROM "Indicators" WHERE "NormalizedValue" ILIKE @p0 AND strpos(lower("NormalizedValue"), @p1) > 0 AND "Status" = {Published}""",
                [text.LikePattern(IndexedPhraseLength), text.Phrase], indicators.PositionByKey, indicators.PositionById, found, ct);
    }

    private const int IndexedPhraseLength = 10;

    /// <summary>Runs a query (parameters @p0, @p1, ...) whose rows are SQLite keys or PostgreSQL ids, and maps each to a position.</summary>
    private static async Task EachPositionAsync(
        PortalDbContext db, string sql, string[] parameters, int[] byKey, Dictionary<Guid, int> byId, Action<int> found, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var value = command.CreateParameter();
            value.ParameterName = $"@p{i}";
            value.Value = parameters[i];
            command.Parameters.Add(value);
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        var sqlite = db.Database.IsSqlite();
        while (await reader.ReadAsync(ct))
        {
            if (Position(reader, sqlite, byKey, byId) is >= 0 and var position)
            {
                found(position);
            }
        }
    }

    // Keys of rows outside the snapshot (drafts, rows newer than it) map to nothing.
    private static int Position(DbDataReader reader, bool sqlite, int[] byKey, Dictionary<Guid, int> byId)
    {
        if (sqlite)
        {
            var key = reader.GetInt64(0);
            return key >= 0 && key < byKey.Length ? byKey[key] : -1;
        }

        return byId.TryGetValue(reader.GetGuid(0), out var position) ? position : -1;
    }
}
