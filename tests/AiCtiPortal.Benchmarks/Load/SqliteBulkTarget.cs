using Microsoft.Data.Sqlite;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>
/// SQLite: one connection, journal and fsync off while loading (the file is a scratch copy renamed into the cache
/// only once complete), prepared INSERTs inside one transaction per table, the bulk tables' indexes and triggers
/// dropped for the load and recreated after it. Microsoft.Data.Sqlite binds Guid as
/// upper-case text and DateTime as "yyyy-MM-dd HH:mm:ss.FFFFFFF", which is exactly what EF Core stores.
/// </summary>
/// <param name="rebuildStatements">
/// Run after the load, once the dropped triggers are back: the statements that fill what those triggers maintain
/// (for the catalogue, its migration's own backfill of the full-text tables), set-based instead of row by row.
/// </param>
internal sealed class SqliteBulkTarget(string connectionString, IReadOnlyList<string> rebuildStatements) : BulkTarget
{
    private readonly SqliteConnection _connection = new(connectionString);
    private readonly List<string> _droppedIndexes = [];
    private readonly List<string> _droppedTriggers = [];

    public override async Task PrepareAsync(CancellationToken ct)
    {
        // The initializer's pooled connections still hold the file; leaving WAL needs it to ourselves.
        SqliteConnection.ClearAllPools();
        await _connection.OpenAsync(ct);
        Execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; " +
            "PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY;");
        var tables = string.Join(", ", BulkTables.Select(t => $"'{t}'"));
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ({tables})";
        var objects = new List<(string Type, string Name, string Sql)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                objects.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (type, name, sql) in objects)
        {
            Execute($"DROP {type.ToUpperInvariant()} \"{name}\"");
            (type == "index" ? _droppedIndexes : _droppedTriggers).Add(sql);
        }
    }

    public override IRowWriter Open(string table, params string[] columns) => new Writer(_connection, table, columns);

    public override Task FinishAsync(CancellationToken ct)
    {
        foreach (var sql in _droppedIndexes.Concat(_droppedTriggers).Concat(rebuildStatements))
        {
            Execute(sql);
        }

        // Back to the portal's own settings: WAL (what PortalDatabaseInitializer sets) and nothing else. No ANALYZE:
        // the portal never runs it, so the plans measured are the ones a real installation gets.
        Execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;");
        Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        return Task.CompletedTask;
    }

    public override Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Task.FromResult(command.ExecuteScalar());
    }

    public override async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    private sealed class Writer : IRowWriter
    {
        private readonly SqliteTransaction _transaction;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _parameters;

        public Writer(SqliteConnection connection, string table, string[] columns)
        {
            _transaction = connection.BeginTransaction();
            _command = connection.CreateCommand();
            _command.Transaction = _transaction;
            _command.CommandText =
                $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            _parameters = columns.Select((_, i) => _command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            _command.Prepare();
        }

        public void Write(params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                _parameters[i].Value = values[i] ?? DBNull.Value;
            }

            _command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _transaction.Commit();
            _command.Dispose();
            _transaction.Dispose();
        }
    }
}
