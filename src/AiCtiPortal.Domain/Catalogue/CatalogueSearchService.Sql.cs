using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Catalogue;

internal sealed partial class CatalogueSearchService
{
    private async Task<List<T>> ReadAsync<T>(
        PortalDbContext db, SqlParameters parameters, string sql, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        parameters.Bind(command);
        var started = Stopwatch.GetTimestamp();
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        // At Debug, every statement with its time: what to EXPLAIN when a search is slow.
        logger.LogDebug("Catalogue query took {Elapsed:F1} ms: {Sql}", Stopwatch.GetElapsedTime(started).TotalMilliseconds, sql);
        return rows;
    }

    private async Task<int> ScalarAsync(PortalDbContext db, SqlParameters parameters, string sql, CancellationToken ct) =>
        (await ReadAsync(db, parameters, sql, r => Int(r, 0), ct)).Single();

    /// <summary>SUM is NULL over no rows, and PostgreSQL returns bigint or numeric for it.</summary>
    private static int Int(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>SQLite hands back text without a kind; every stored timestamp is UTC.</summary>
    private static DateTime Utc(DbDataReader reader, int ordinal) =>
        DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    private static double? NullableDouble(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
