namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// A counter the database raises whenever published catalogue content changes, created by migration
/// 20261123000008_CatalogueRevision. The catalogue holds its facet columns in memory (<see cref="CatalogueSnapshot"/>)
/// and reads this one row per search to know whether they are still current. Triggers keep it, so no code path
/// (workflow, proposal, statistics refresh, a curator's SQL) can change published rows without the catalogue noticing;
/// edits to drafts, and updates of columns the catalogue does not read, leave it alone. The objects carry <see cref="CatalogueSearchSchema.Prefix"/>, like the other
/// search objects the schema comparison leaves out.
/// </summary>
public static class CatalogueRevisionSchema
{
    public const string Table = CatalogueSearchSchema.Prefix + "Revision";

    private const string Published = "'Published'";
    private const string Bump = $"""UPDATE "{Table}" SET "Value" = "Value" + 1 WHERE "Id" = 1;""";

    /// <summary>
    /// The columns the snapshot (and the text matches it remembers) depends on. An update that changes none of them
    /// (a sighting raising SightingCount and LastSeen, a concurrency stamp) leaves the revision, and the snapshot, alone.
    /// </summary>
    private static readonly (string Table, string[] Columns)[] Items =
    [
        ("Reports", ["Status", "Title", "Summary", "Phases", "Tlp", "Confidence", "PublishedAt", "CatalogueScore", "IndicatorTypeMask", "AuthorId"]),
        ("Indicators", ["Status", "Type", "NormalizedValue", "Tlp", "Confidence", "CreatedById", "UpdatedAt"]),
    ];

    private static readonly string[] LinkTables = ["ReportTechniques", "ReportIndicators"];

    /// <summary>Raises the revision by hand, for a change the catalogue shows that no trigger sees (an ATLAS import's names).</summary>
    public static string BumpSql => Bump;

    public static string CurrentSql { get; } = $"""SELECT "Value" FROM "{Table}" WHERE "Id" = 1""";

    public static IReadOnlyList<string> SqliteUp { get; } =
    [
        $"""CREATE TABLE "{Table}" ("Id" INTEGER PRIMARY KEY CHECK ("Id" = 1), "Value" INTEGER NOT NULL);""",
        $"""INSERT INTO "{Table}" ("Id", "Value") VALUES (1, 0);""",
        // SQLite has only row triggers; a WHEN keeps the cost to published rows whose catalogue columns changed.
        .. Items.SelectMany(item => new[]
        {
            SqliteTrigger(item.Table, "i", "INSERT", $"NEW.\"Status\" = {Published}"),
            SqliteTrigger(item.Table, "u", $"UPDATE OF {Quoted(item.Columns)}",
                $"(OLD.\"Status\" = {Published} OR NEW.\"Status\" = {Published}) AND ({Changed(item.Columns, "OLD", "NEW", "IS NOT")})"),
            SqliteTrigger(item.Table, "d", "DELETE", $"OLD.\"Status\" = {Published}"),
        }),
        .. LinkTables.SelectMany(table => new[]
        {
            SqliteTrigger(table, "i", "INSERT", PublishedReport("NEW")),
            SqliteTrigger(table, "u", "UPDATE", $"{PublishedReport("NEW")} OR {PublishedReport("OLD")}"),
            SqliteTrigger(table, "d", "DELETE", PublishedReport("OLD")),
        }),
    ];

    public static IReadOnlyList<string> SqliteDown { get; } =
    [
        .. AllTables.SelectMany(t => new[] { "i", "u", "d" }.Select(s => $"""DROP TRIGGER IF EXISTS "{TriggerName(t, s)}";""")),
        $"""DROP TABLE IF EXISTS "{Table}";""",
    ];

    /// <summary>
    /// PostgreSQL: statement triggers with transition tables, so a bulk statement (an import, COPY) raises the
    /// counter once instead of once per row, and only when a published row is among those it touched. (A column
    /// list cannot be combined with transition tables, so an update compares old and new rows itself.)
    /// </summary>
    public static IReadOnlyList<string> PostgresUp { get; } =
    [
        $"""CREATE TABLE "{Table}" ("Id" integer PRIMARY KEY CHECK ("Id" = 1), "Value" bigint NOT NULL);""",
        $"""INSERT INTO "{Table}" ("Id", "Value") VALUES (1, 0);""",
        .. Items.Select(item => PostgresFunction(item.Table,
            inserted: $"SELECT 1 FROM new_rows WHERE \"Status\" = {Published}",
            updated: $"SELECT 1 FROM new_rows n JOIN old_rows o ON o.\"Id\" = n.\"Id\" " +
                $"WHERE (n.\"Status\" = {Published} OR o.\"Status\" = {Published}) AND ({Changed(item.Columns, "o", "n", "IS DISTINCT FROM")})",
            deleted: $"SELECT 1 FROM old_rows WHERE \"Status\" = {Published}")),
        .. LinkTables.Select(table => PostgresFunction(table,
            inserted: LinkOfPublished("new_rows"),
            updated: $"{LinkOfPublished("new_rows")} UNION ALL {LinkOfPublished("old_rows")}",
            deleted: LinkOfPublished("old_rows"))),
        .. AllTables.SelectMany(PostgresTriggers),
    ];

    public static IReadOnlyList<string> PostgresDown { get; } =
    [
        .. AllTables.SelectMany(t => new[] { "i", "u", "d" }.Select(s => $"""DROP TRIGGER IF EXISTS "{TriggerName(t, s)}" ON "{t}";""")),
        .. AllTables.Select(t => $"""DROP FUNCTION IF EXISTS "{FunctionName(t)}"();"""),
        $"""DROP TABLE IF EXISTS "{Table}";""",
    ];

    private static IEnumerable<string> AllTables => Items.Select(i => i.Table).Concat(LinkTables);

    public static string TriggerName(string table, string suffix) => $"{CatalogueSearchSchema.Prefix}{table}_rev_{suffix}";

    private static string FunctionName(string table) => $"{CatalogueSearchSchema.Prefix}RevisionOf{table}";

    private static string Quoted(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    private static string Changed(IEnumerable<string> columns, string before, string after, string differs) =>
        string.Join(" OR ", columns.Select(c => $"{before}.\"{c}\" {differs} {after}.\"{c}\""));

    private static string PublishedReport(string row) =>
        $"EXISTS (SELECT 1 FROM \"Reports\" r WHERE r.\"Id\" = {row}.\"ReportId\" AND r.\"Status\" = {Published})";

    private static string LinkOfPublished(string rows) =>
        $"SELECT 1 FROM {rows} x JOIN \"Reports\" r ON r.\"Id\" = x.\"ReportId\" WHERE r.\"Status\" = {Published}";

    private static string SqliteTrigger(string table, string suffix, string operation, string when) =>
        $"""
        CREATE TRIGGER "{TriggerName(table, suffix)}" AFTER {operation} ON "{table}" WHEN {when} BEGIN
            {Bump}
        END;
        """;

    // Branches by event: a query naming a transition table the firing event lacks must never be planned.
    private static string PostgresFunction(string table, string inserted, string updated, string deleted) =>
        $$"""
        CREATE FUNCTION "{{FunctionName(table)}}"() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF EXISTS ({{inserted}}) THEN {{Bump}} END IF;
            ELSIF TG_OP = 'UPDATE' THEN
                IF EXISTS ({{updated}}) THEN {{Bump}} END IF;
            ELSE
                IF EXISTS ({{deleted}}) THEN {{Bump}} END IF;
            END IF;
            RETURN NULL;
        END
        $body$;
        """;

    private static string[] PostgresTriggers(string table) =>
    [
        $"""CREATE TRIGGER "{TriggerName(table, "i")}" AFTER INSERT ON "{table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "{FunctionName(table)}"();""",
        $"""CREATE TRIGGER "{TriggerName(table, "u")}" AFTER UPDATE ON "{table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "{FunctionName(table)}"();""",
        $"""CREATE TRIGGER "{TriggerName(table, "d")}" AFTER DELETE ON "{table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "{FunctionName(table)}"();""",
    ];
}
