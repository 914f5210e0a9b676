using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiCtiPortal.Domain.Data;

public static class PortalDbContextOptionsExtensions
{
    public static DbContextOptionsBuilder<TContext> UsePortalDatabase<TContext>(
        this DbContextOptionsBuilder<TContext> builder, PortalDatabaseSettings settings)
        where TContext : DbContext
    {
        ((DbContextOptionsBuilder)builder).UsePortalDatabase(settings);
        return builder;
    }

    /// <summary>The one place that turns settings into EF options; the host and the tests both use it.</summary>
    public static DbContextOptionsBuilder UsePortalDatabase(this DbContextOptionsBuilder builder, PortalDatabaseSettings settings)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(settings.ConnectionString);
                builder.AddInterceptors(SqliteConnectionPragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(settings.ConnectionString);
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {settings.Provider}.");
        }

        // The migrations are written by hand and have no model snapshot (dotnet-ef cannot be restored here), so EF
        // would always report "pending model changes" and refuse to migrate. The guard is instead
        // MigrationSchemaTests, which compares the migrated schema with the model's own on both providers.
        builder.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
        return builder;
    }
}
