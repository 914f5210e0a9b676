using System.Data.Common;
using System.Globalization;
using System.Text;
using AiCtiPortal.Domain.Catalogue;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiCtiPortal.Domain.Tests.Data;

/// <summary>
/// A database schema read back by introspection as sorted, human-readable lines (one per column, key, foreign key,
/// index), so two schemas compare as sets and a mismatch prints as a readable diff.
/// </summary>
internal sealed record SchemaSnapshot(IReadOnlyList<string> Lines)
{
    /// <summary>
    /// EF's own bookkeeping and Quartz's tables are not part of the model; nor are the catalogue's full-text objects
    /// (FTS5 tables and their shadow tables on SQLite), which EF's model cannot describe, so EnsureCreated never
    /// makes them. They all carry one reserved prefix; CatalogueSearchSchemaTests proves they exist and stay in sync.
    /// </summary>
    public static bool IsModelTable(string table) =>
        !table.StartsWith("__EF", StringComparison.OrdinalIgnoreCase) &&
        !table.StartsWith("QRTZ_", StringComparison.OrdinalIgnoreCase) &&
        !table.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase) &&
        !CatalogueSearchSchema.IsSearchObject(table);

    public static async Task<IReadOnlyList<string>> TablesAsync(DbConnection connection)
    {
        var sql = connection is SqliteConnection
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
        return await QueryAsync(connection, sql, r => r.GetString(0));
    }

    public static async Task<SchemaSnapshot> ReadAsync(DbConnection connection)
    {
        var lines = connection switch
        {
            SqliteConnection sqlite => await ReadSqliteAsync(sqlite),
            NpgsqlConnection postgres => await ReadPostgresAsync(postgres),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
        return new SchemaSnapshot(lines.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Empty when equal; otherwise what each side has that the other lacks.</summary>
    public static string Diff(SchemaSnapshot expected, string expectedName, SchemaSnapshot actual, string actualName)
    {
        var missing = expected.Lines.Except(actual.Lines, StringComparer.Ordinal).ToList();
        var extra = actual.Lines.Except(expected.Lines, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return "";
        }

        var diff = new StringBuilder();
        diff.AppendLine(CultureInfo.InvariantCulture, $"Schemas differ ({missing.Count} only in {expectedName}, {extra.Count} only in {actualName}):");
        foreach (var line in missing)
        {
            diff.AppendLine(CultureInfo.InvariantCulture, $"- [{expectedName}] {line}");
        }

        foreach (var line in extra)
        {
            diff.AppendLine(CultureInfo.InvariantCulture, $"+ [{actualName}] {line}");
        }

        return diff.ToString();
    }

    private static async Task<List<string>> ReadSqliteAsync(SqliteConnection connection)
    {
        var lines = new List<string>();
        foreach (var table in (await TablesAsync(connection)).Where(IsModelTable))
        {
            var createSql = (await QueryAsync(connection, $"SELECT sql FROM sqlite_master WHERE name = '{table}'", r => r.GetString(0)))[0];
            lines.Add($"{table} table autoincrement={createSql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");
            lines.AddRange(await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")", r =>
                $"{table}.{r["name"]} column type={r["type"]} notnull={r["notnull"]} default={Show(r["dflt_value"])} pk={r["pk"]}"));
            lines.AddRange(await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")", r =>
                $"{table} fk ({r["from"]}) -> {r["table"]}({r["to"]}) on delete {r["on_delete"]} on update {r["on_update"]}"));
            var indexes = await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")", r =>
                (Name: (string)r["name"], Unique: Convert.ToInt64(r["unique"], CultureInfo.InvariantCulture), Origin: (string)r["origin"], Partial: r["partial"]));
            foreach (var index in indexes)
            {
                var columns = await QueryAsync(connection, $"PRAGMA index_info(\"{index.Name}\")", r => (string)r["name"]);

                // Indexes SQLite makes for a PRIMARY KEY or UNIQUE constraint get generated names; describe them by content.
                var name = index.Origin == "c" ? index.Name : $"<{index.Origin}>";
                lines.Add($"{table} index {name} ({string.Join(", ", columns)}) unique={index.Unique} partial={index.Partial}");
            }
        }

        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(NpgsqlConnection connection)
    {
        var lines = new List<string>();
        lines.AddRange(await QueryAsync(connection,
            """
            SELECT table_name, column_name, data_type, is_nullable, character_maximum_length, column_default, is_identity, identity_generation
            FROM information_schema.columns WHERE table_schema = 'public'
            """,
            r => $"{r["table_name"]}.{r["column_name"]} column type={r["data_type"]}({Show(r["character_maximum_length"])}) " +
                $"nullable={r["is_nullable"]} default={Show(r["column_default"])} identity={r["is_identity"]}/{Show(r["identity_generation"])}"));
        lines.AddRange(await QueryAsync(connection,
            """
            SELECT rel.relname AS table_name, con.conname, pg_get_constraintdef(con.oid) AS definition
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = 'public'
            """,
            r => $"{r["table_name"]} constraint {r["conname"]}: {r["definition"]}"));
        lines.AddRange(await QueryAsync(connection,
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
            r => $"{r["tablename"]} index {r["indexname"]}: {r["indexdef"]}"));

        // The catalogue's GIN expression indexes are migration-only, like its SQLite FTS tables (see IsModelTable).
        lines.RemoveAll(line => line.Split(' ') is [_, "index", var name, ..] && CatalogueSearchSchema.IsSearchObject(name.TrimEnd(':')));
        return lines.Where(line => IsModelTable(line.Split(' ', '.')[0])).ToList();
    }

    private static string Show(object value) => value is DBNull ? "null" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
