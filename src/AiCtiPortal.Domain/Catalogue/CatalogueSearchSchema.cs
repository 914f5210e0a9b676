namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// The full-text objects EF's model cannot describe, created by migration 20261123000007_CatalogueSearch with raw
/// SQL per provider. Every one of them is named with <see cref="Prefix"/>, so a schema comparison against
/// EnsureCreated can leave out exactly these and nothing else (see MigrationSchemaTests).
/// </summary>
public static class CatalogueSearchSchema
{
    public const string Prefix = "CatalogueSearch_";

    /// <summary>SQLite: stable integer keys for the FTS rows (a table's implicit rowid may change on VACUUM).</summary>
    public const string SqliteKeys = Prefix + "Keys";

    /// <summary>SQLite: FTS5 over report titles and summaries.</summary>
    public const string SqliteReports = Prefix + "Reports";

    /// <summary>SQLite: FTS5 over indicators' normalised values.</summary>
    public const string SqliteIndicators = Prefix + "Indicators";

    /// <summary>PostgreSQL: GIN over to_tsvector('simple', Title || ' ' || Summary).</summary>
    public const string PostgresReportText = Prefix + "IX_Reports_Text";

    /// <summary>PostgreSQL: pg_trgm GIN over indicators' normalised values (substring and hash-prefix search).</summary>
    public const string PostgresIndicatorValue = Prefix + "IX_Indicators_Value";

    /// <summary>The report text expression exactly as indexed: queries must repeat it for the index to apply.</summary>
    public const string PostgresReportVector = "to_tsvector('simple'::regconfig, \"Title\" || ' ' || \"Summary\")";

    public static bool IsSearchObject(string name) => name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<string> SqliteUp { get; } =
    [
        $"""CREATE TABLE "{SqliteKeys}" ("Key" INTEGER PRIMARY KEY, "ItemId" TEXT NOT NULL UNIQUE);""",
        // Contentless: the text already lives in Reports and Indicators; contentless_delete lets triggers remove rows.
        $"""CREATE VIRTUAL TABLE "{SqliteReports}" USING fts5("Title", "Summary", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');""",
        $"""CREATE VIRTUAL TABLE "{SqliteIndicators}" USING fts5("Value", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');""",
        .. Triggers("Reports", SqliteReports, """ "Title", "Summary" """, """NEW."Title", NEW."Summary" """),
        .. Triggers("Indicators", SqliteIndicators, """ "Value" """, """NEW."NormalizedValue" """, updateOf: "\"NormalizedValue\""),
        // Rows that exist before this migration (upgrades) get keys and text now.
        $"""INSERT INTO "{SqliteKeys}" ("ItemId") SELECT "Id" FROM "Reports" UNION ALL SELECT "Id" FROM "Indicators";""",
        $"""INSERT INTO "{SqliteReports}" (rowid, "Title", "Summary") SELECT k."Key", r."Title", r."Summary" FROM "Reports" r JOIN "{SqliteKeys}" k ON k."ItemId" = r."Id";""",
        $"""INSERT INTO "{SqliteIndicators}" (rowid, "Value") SELECT k."Key", i."NormalizedValue" FROM "Indicators" i JOIN "{SqliteKeys}" k ON k."ItemId" = i."Id";""",
    ];

    public static IReadOnlyList<string> SqliteDown { get; } =
    [
        .. new[] { "Reports", "Indicators" }.SelectMany(t => new[] { "ai", "au", "ad" }.Select(s => $"""DROP TRIGGER IF EXISTS "{Prefix}{t}_{s}";""")),
        $"""DROP TABLE IF EXISTS "{SqliteIndicators}";""",
        $"""DROP TABLE IF EXISTS "{SqliteReports}";""",
        $"""DROP TABLE IF EXISTS "{SqliteKeys}";""",
    ];

    public static IReadOnlyList<string> PostgresUp { get; } =
    [
        // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it without superuser.
        "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
        $"""CREATE INDEX "{PostgresReportText}" ON "Reports" USING gin ({PostgresReportVector});""",
        $"""CREATE INDEX "{PostgresIndicatorValue}" ON "Indicators" USING gin ("NormalizedValue" gin_trgm_ops);""",
    ];

    public static IReadOnlyList<string> PostgresDown { get; } =
    [
        $"""DROP INDEX IF EXISTS "{PostgresIndicatorValue}";""",
        $"""DROP INDEX IF EXISTS "{PostgresReportText}";""",
    ];

    /// <summary>Insert, update-of-text and delete triggers that keep one FTS table in step with its source table.</summary>
    private static string[] Triggers(string table, string fts, string columns, string values, string? updateOf = null)
    {
        var key = $"""(SELECT "Key" FROM "{SqliteKeys}" WHERE "ItemId" = OLD."Id")""";
        var insert =
            $"""
            INSERT OR IGNORE INTO "{SqliteKeys}" ("ItemId") VALUES (NEW."Id");
                INSERT INTO "{fts}" (rowid,{columns}) SELECT "Key", {values} FROM "{SqliteKeys}" WHERE "ItemId" = NEW."Id";
            """;
        return
        [
            $"""
            CREATE TRIGGER "{Prefix}{table}_ai" AFTER INSERT ON "{table}" BEGIN
                {insert}
            END;
            """,
            $"""
            CREATE TRIGGER "{Prefix}{table}_au" AFTER UPDATE OF {updateOf ?? columns} ON "{table}" BEGIN
                DELETE FROM "{fts}" WHERE rowid = {key};
                {insert}
            END;
            """,
            $"""
            CREATE TRIGGER "{Prefix}{table}_ad" AFTER DELETE ON "{table}" BEGIN
                DELETE FROM "{fts}" WHERE rowid = {key};
                DELETE FROM "{SqliteKeys}" WHERE "ItemId" = OLD."Id";
            END;
            """,
        ];
    }
}
