namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// A counter the database raises whenever published catalogue content changes, created by migration
/// 20261123000008_CatalogueRevision. The catalogue holds its facet columns in memory (<see cref="CatalogueSnapshot"/>)
/// and reads this one row per search to know whether they are still current. Triggers keep it, so no code path
/// (workflow, proposal, statistics refresh, a curator's SQL) can change published rows without the catalogue noticing;
/// edits to drafts leave it alone. The objects carry <see cref="CatalogueSearchSchema.Prefix"/>, like the other
/// search objects the schema comparison leaves out.
/// </summary>
public static class CatalogueRevisionSchema
{
    public const string Table = CatalogueSearchSchema.Prefix + "Revision";

    private const string Published = "'Published'";
    private const string Bump = $"""UPDATE "{Table}" SET "Value" = "Value" + 1 WHERE "Id" = 1;""";
    private static readonly string[] ItemTables = ["Reports", "Indicators"];
    private static readonly string[] LinkTables = ["ReportTechniques", "ReportIndicators"];

    public static string CurrentSql { get; } = $"""SELECT "Value" FROM "{Table}" WHERE "Id" = 1""";

    public static IReadOnlyList<string> SqliteUp { get; } =
    [
        $"""CREATE TABLE "{Table}" ("Id" INTEGER PRIMARY KEY CHECK ("Id" = 1), "Value" INTEGER NOT NULL);""",
        $"""INSERT INTO "{Table}" ("Id", "Value") VALUES (1, 0);""",
        // SQLite has only row triggers; a WHEN keeps the cost to published rows.
        .. ItemTables.SelectMany(table => new[]
        {
            SqliteTrigger(table, "i", "INSERT", $"NEW.\"Status\" = {Published}"),
            SqliteTrigger(table, "u", "UPDATE", $"OLD.\"Status\" = {Published} OR NEW.\"Status\" = {Published}"),
            SqliteTrigger(table, "d", "DELETE", $"OLD.\"Status\" = {Published}"),
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
        .. ItemTables.Concat(LinkTables).SelectMany(t => new[] { "i", "u", "d" }.Select(s => $"""DROP TRIGGER IF EXISTS "{TriggerName(t, s)}";""")),
        $"""DROP TABLE IF EXISTS "{Table}";""",
    ];

    /// <summary>
    /// PostgreSQL: statement triggers with transition tables, so a bulk statement (an import, COPY) raises the
    /// counter once instead of once per row, and only when a published row is among those it touched.
    /// </summary>
    public static IReadOnlyList<string> PostgresUp { get; } =
    [
        $"""CREATE TABLE "{Table}" ("Id" integer PRIMARY KEY CHECK ("Id" = 1), "Value" bigint NOT NULL);""",
        $"""INSERT INTO "{Table}" ("Id", "Value") VALUES (1, 0);""",
        PostgresFunction(ItemsFunction, "SELECT 1 FROM {0} WHERE \"Status\" = " + Published),
        PostgresFunction(LinksFunction,
            "SELECT 1 FROM {0} x JOIN \"Reports\" r ON r.\"Id\" = x.\"ReportId\" WHERE r.\"Status\" = " + Published),
        .. ItemTables.SelectMany(table => PostgresTriggers(table, ItemsFunction)),
        .. LinkTables.SelectMany(table => PostgresTriggers(table, LinksFunction)),
    ];

    public static IReadOnlyList<string> PostgresDown { get; } =
    [
        .. ItemTables.Concat(LinkTables).SelectMany(t => new[] { "i", "u", "d" }.Select(s => $"""DROP TRIGGER IF EXISTS "{TriggerName(t, s)}" ON "{t}";""")),
        $"""DROP FUNCTION IF EXISTS "{LinksFunction}"();""",
        $"""DROP FUNCTION IF EXISTS "{ItemsFunction}"();""",
        $"""DROP TABLE IF EXISTS "{Table}";""",
    ];

    private const string ItemsFunction = CatalogueSearchSchema.Prefix + "RevisionOfItems";
    private const string LinksFunction = CatalogueSearchSchema.Prefix + "RevisionOfLinks";

    public static string TriggerName(string table, string suffix) => $"{CatalogueSearchSchema.Prefix}{table}_rev_{suffix}";

    private static string PublishedReport(string row) =>
        $"EXISTS (SELECT 1 FROM \"Reports\" r WHERE r.\"Id\" = {row}.\"ReportId\" AND r.\"Status\" = {Published})";

    private static string SqliteTrigger(string table, string suffix, string operation, string when) =>
        $"""
        CREATE TRIGGER "{TriggerName(table, suffix)}" AFTER {operation} ON "{table}" WHEN {when} BEGIN
            {Bump}
        END;
        """;

    // Nested IFs: a query naming a transition table the firing event lacks must never be planned.
    private static string PostgresFunction(string name, string existsQuery) =>
        $$"""
        CREATE FUNCTION "{{name}}"() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                IF EXISTS ({{string.Format(System.Globalization.CultureInfo.InvariantCulture, existsQuery, "new_rows")}}) THEN
                    {{Bump}}
                    RETURN NULL;
                END IF;
            END IF;
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                IF EXISTS ({{string.Format(System.Globalization.CultureInfo.InvariantCulture, existsQuery, "old_rows")}}) THEN
                    {{Bump}}
                END IF;
            END IF;
            RETURN NULL;
        END
        $body$;
        """;

    private static string[] PostgresTriggers(string table, string function) =>
    [
        $"""CREATE TRIGGER "{TriggerName(table, "i")}" AFTER INSERT ON "{table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "{function}"();""",
        $"""CREATE TRIGGER "{TriggerName(table, "u")}" AFTER UPDATE ON "{table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "{function}"();""",
        $"""CREATE TRIGGER "{TriggerName(table, "d")}" AFTER DELETE ON "{table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "{function}"();""",
    ];
}
