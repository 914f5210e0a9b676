using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiCtiPortal.Domain.Data;

/// <summary>Turns provider exceptions into messages that name the database and say what to check.</summary>
internal static class DatabaseStartupErrors
{
    // SQLite result codes (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5;
    private const int SqliteReadOnly = 8;
    private const int SqliteCorrupt = 11;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    public static DatabaseStartupException Translate(Exception exception, PortalDatabaseSettings settings, string stage)
    {
        var where = settings.Describe();
        foreach (var inner in Chain(exception))
        {
            switch (inner)
            {
                case DatabaseStartupException startup:
                    return startup;
                case SqliteException sqlite:
                    return new DatabaseStartupException(Sqlite(sqlite, where, stage), exception);
                case PostgresException postgres:
                    return new DatabaseStartupException(Postgres(postgres, settings, where, stage), exception);
                case NpgsqlException npgsql when npgsql.InnerException is SocketException or TimeoutException or IOException:
                    return new DatabaseStartupException(
                        $"PostgreSQL at {where} is unreachable: {npgsql.InnerException.Message}. Check that the server " +
                        "is running and that Database:ConnectionString names the right host and port.", exception);
                case NpgsqlException npgsql:
                    return new DatabaseStartupException(
                        $"PostgreSQL at {where} could not be used while {stage}: {npgsql.Message}", exception);
            }
        }

        return new DatabaseStartupException($"The database {where} failed while {stage}: {exception.Message}", exception);
    }

    private static string Sqlite(SqliteException exception, string where, string stage) => exception.SqliteErrorCode switch
    {
        SqliteNotADatabase => $"The SQLite file {where} is not a database (it may be damaged, or another kind of " +
            "file). Move it aside or restore a backup; with no file there, the portal creates a new, empty database.",
        SqliteCorrupt => $"The SQLite file {where} is corrupt ({exception.Message}). Restore a backup, or move the file " +
            "aside to start with a new, empty database.",
        SqliteCantOpen => $"The SQLite file {where} cannot be opened or created. Check that its folder exists and that " +
            "the portal's account may write there (Database:DataFolder / Database:ConnectionString).",
        SqliteReadOnly => $"The SQLite file {where} is read-only for the portal's account; it must be writable.",
        SqliteBusy => $"The SQLite file {where} is locked by another process. Stop the other process, or give each " +
            "instance its own file (Database:ConnectionString).",
        _ => $"SQLite failed on {where} while {stage}: {exception.Message}",
    };

    private static string Postgres(PostgresException exception, PortalDatabaseSettings settings, string where, string stage)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        return exception.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
                $"PostgreSQL at {where} refused user '{builder.Username}': {exception.MessageText}. Check Username and " +
                "Password in Database:ConnectionString (and pg_hba.conf on the server).",
            PostgresErrorCodes.InvalidCatalogName =>
                $"The PostgreSQL database '{builder.Database}' does not exist at {where}, and the portal could not " +
                $"create it. Create it (createdb -O {builder.Username} {builder.Database}) or grant the role CREATEDB.",
            PostgresErrorCodes.InsufficientPrivilege =>
                $"PostgreSQL user '{builder.Username}' lacks a privilege needed while {stage} at {where}: " +
                $"{exception.MessageText}. Make the role the owner of database '{builder.Database}'.",
            PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections =>
                $"PostgreSQL at {where} is not accepting connections yet: {exception.MessageText}. Retry once it is up.",
            _ => $"PostgreSQL at {where} failed while {stage}: {exception.SqlState} {exception.MessageText}",
        };
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
