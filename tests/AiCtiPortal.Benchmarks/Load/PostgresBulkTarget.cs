using Npgsql;
using NpgsqlTypes;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>
/// PostgreSQL: binary COPY per table, with the bulk tables' secondary indexes dropped for the load and rebuilt
/// afterwards (a sort per index instead of a million random B-tree inserts). Foreign keys and triggers stay on, so
/// whatever the migrations maintain by trigger is maintained. Ends with ANALYZE, as autovacuum would soon after a load.
/// </summary>
internal sealed class PostgresBulkTarget(string connectionString) : BulkTarget
{
    // No timeout: completing a COPY waits for the server's foreign-key checks of a million rows.
    private readonly NpgsqlConnection _connection =
        new(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
    private readonly List<string> _droppedIndexes = [];

    public override async Task PrepareAsync(CancellationToken ct)
    {
        await _connection.OpenAsync(ct);
        await ExecuteAsync("SET maintenance_work_mem = '512MB'", ct);
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, _connection))
        {
            command.Parameters.AddWithValue("tables", BulkTables);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, definition) in indexes)
        {
            await ExecuteAsync($"DROP INDEX \"{name}\"", ct);
            _droppedIndexes.Add(definition);
        }
    }

    public override IRowWriter Open(string table, params string[] columns) => new Writer(
        _connection.BeginBinaryImport(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"));

    public override async Task FinishAsync(CancellationToken ct)
    {
        foreach (var definition in _droppedIndexes)
        {
            await ExecuteAsync(definition, ct);
        }

        await ExecuteAsync("ANALYZE", ct);
    }

    public override async Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        return await command.ExecuteScalarAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed class Writer(NpgsqlBinaryImporter importer) : IRowWriter
    {
        public void Write(params object?[] values)
        {
            importer.StartRow();
            foreach (var value in values)
            {
                switch (value)
                {
                    case null:
                        importer.WriteNull();
                        break;
                    case Guid guid:
                        importer.Write(guid, NpgsqlDbType.Uuid);
                        break;
                    case string text:
                        importer.Write(text, NpgsqlDbType.Text);
                        break;
                    case int number:
                        importer.Write(number, NpgsqlDbType.Integer);
                        break;
                    case bool flag:
                        importer.Write(flag, NpgsqlDbType.Boolean);
                        break;
                    case DateTime time:
                        importer.Write(time, NpgsqlDbType.TimestampTz);
                        break;
                    default:
                        throw new ArgumentException($"No COPY mapping for {value.GetType().Name}.", nameof(values));
                }
            }
        }

        public void Dispose()
        {
            importer.Complete();
            importer.Dispose();
        }
    }
}
