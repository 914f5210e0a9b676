namespace AiCtiPortal.Benchmarks.Load;

/// <summary>
/// Fast row loading into an already migrated portal database, below EF: SQLite gets prepared INSERTs in one
/// transaction, PostgreSQL binary COPY. Values are CLR values (Guid, string, int, bool, DateTime in UTC, null) stored
/// the way the portal's EF mapping stores them, so the portal reads the rows as if it had written them.
/// </summary>
internal abstract class BulkTarget : IAsyncDisposable
{
    /// <summary>Tables loaded in bulk: their secondary indexes are dropped for the load and rebuilt afterwards.</summary>
    public static readonly string[] BulkTables =
        ["Reports", "ReportReferences", "ReportTechniques", "ReportVersions", "Indicators", "ReportIndicators", "Reviews"];

    public abstract Task PrepareAsync(CancellationToken ct);

    public abstract IRowWriter Open(string table, params string[] columns);

    /// <summary>Rebuilds the dropped indexes and refreshes planner statistics where the server does that by itself.</summary>
    public abstract Task FinishAsync(CancellationToken ct);

    /// <summary>A scalar query on the loaded database (role ids, counts).</summary>
    public abstract Task<object?> ScalarAsync(string sql, CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}

/// <summary>Writes the rows of one table; disposing it completes the table (commit, or end of COPY).</summary>
internal interface IRowWriter : IDisposable
{
    void Write(params object?[] values);
}
