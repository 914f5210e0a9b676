using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiCtiPortal.Domain.Data;

/// <summary>
/// Sets a busy timeout on every SQLite connection EF opens. The Quartz job store writes to the same file from its own
/// connections; without a timeout a writer that meets a lock fails at once instead of waiting its turn.
/// </summary>
internal sealed class SqliteConnectionPragmas : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10_000;

    public static SqliteConnectionPragmas Instance { get; } = new();

    private static readonly string Pragmas = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
