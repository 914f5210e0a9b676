namespace AiCtiPortal.Domain.Data;

/// <summary>Bound from the "Database" configuration section.</summary>
public sealed class PortalDataOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite, defaults to aicti.db in <see cref="DataFolder"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the embedded database, uploads and other local state live; relative to the content root.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>
    /// Whether the portal applies pending migrations when it starts. Unset means: yes in Development, no elsewhere,
    /// where the operator runs the migrate command as a deliberate deployment step.
    /// </summary>
    public bool? MigrateOnStartup { get; set; }

    public string ResolveDataFolder(string contentRootPath) => Path.GetFullPath(DataFolder, contentRootPath);

    /// <summary>The one connection string the EF context and the Quartz job store share.</summary>
    public string ResolveConnectionString(string contentRootPath)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        if (Provider == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException(
                "Database:Provider is Postgres but Database:ConnectionString is empty. Set it, for example " +
                "Database__ConnectionString=\"Host=localhost;Database=aicti;Username=aicti;Password=...\".");
        }

        return $"Data Source={Path.Combine(ResolveDataFolder(contentRootPath), "aicti.db")}";
    }
}
