using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiCtiPortal.Domain.Data;

/// <summary>
/// The database as resolved once at startup: provider, the connection string the EF context and the Quartz store
/// share, and the data folder. Registered as a singleton by <see cref="PortalDataServiceCollectionExtensions.AddPortalData"/>.
/// </summary>
public sealed record PortalDatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataFolder)
{
    public static PortalDatabaseSettings Resolve(PortalDataOptions options, string contentRootPath)
    {
        var connectionString = options.ResolveConnectionString(contentRootPath);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            connectionString = WithSqliteDefaults(connectionString, contentRootPath);
        }

        return new PortalDatabaseSettings(options.Provider, connectionString, options.ResolveDataFolder(contentRootPath));
    }

    /// <summary>The SQLite file, or null for PostgreSQL and in-memory SQLite.</summary>
    public string? SqliteFilePath
    {
        get
        {
            if (Provider != DatabaseProvider.Sqlite)
            {
                return null;
            }

            var source = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
                ? null
                : Path.GetFullPath(source);
        }
    }

    /// <summary>"host:port/database" for messages; never the password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return SqliteFilePath ?? new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    /// <summary>
    /// Foreign keys on (SQLite leaves them off per connection otherwise), and a relative Data Source anchored at the
    /// content root rather than the process's working directory.
    /// </summary>
    private static string WithSqliteDefaults(string connectionString, string contentRootPath)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        var source = builder.DataSource;
        if (!string.IsNullOrEmpty(source) && source != ":memory:" &&
            !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(source))
        {
            builder.DataSource = Path.GetFullPath(source, contentRootPath);
        }

        return builder.ToString();
    }
}
