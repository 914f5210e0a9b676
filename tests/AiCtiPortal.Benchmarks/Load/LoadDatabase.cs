using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>
/// A seeded catalogue database, cached between runs. The cache key is the size and the seeder's version, so a changed
/// seeder seeds afresh while reruns start at once; a cached database is brought up to date by the portal's own
/// migrations before each run, as a deployed database would be. The schema always comes from
/// <see cref="PortalDatabaseInitializer"/>, never from here.
/// </summary>
internal sealed class LoadDatabase
{
    /// <summary>Bump when the seeder writes different data, so cached databases are not reused.</summary>
    private const string SeederVersion = "seeder-1";

    private LoadDatabase(DatabaseProvider provider, string connectionString, string description)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Description = description;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string Description { get; }

    public static string PostgresAdminConnection =>
        Environment.GetEnvironmentVariable("AICTI_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=localhost;Port=5432;Username=aicti;Password=aicti;Database=aicti";

    public static async Task<LoadDatabase> PrepareAsync(DatabaseProvider provider, CatalogueSize size, bool reseed, CancellationToken ct)
    {
        var key = CacheKey(size);
        return provider == DatabaseProvider.Sqlite
            ? await PrepareSqliteAsync(size, key, reseed, ct)
            : await PreparePostgresAsync(size, key, reseed, ct);
    }

    private static async Task<LoadDatabase> PrepareSqliteAsync(CatalogueSize size, string key, bool reseed, CancellationToken ct)
    {
        var folder = Environment.GetEnvironmentVariable("AICTI_LOAD_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "aicti-load");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"catalogue-{size.PublishedReports}-{size.Indicators}-{key}.db");
        if (File.Exists(file) && !reseed)
        {
            Console.WriteLine($"SQLite: cached catalogue {file} ({Stats.Mib(new FileInfo(file).Length)})");
            await MigrateAsync(DatabaseProvider.Sqlite, $"Data Source={file}", ct);
            await CloseSqliteFileAsync($"Data Source={file}", ct);
            return new LoadDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", file);
        }

        var scratch = file + ".seeding";
        foreach (var stale in new[] { file, scratch }.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
        {
            File.Delete(stale);
        }

        var connection = $"Data Source={scratch}";
        var start = Stopwatch.GetTimestamp();
        Console.WriteLine($"SQLite: seeding {size} into {scratch}");
        await MigrateAsync(DatabaseProvider.Sqlite, connection, ct);
        // The search migration's backfill (INSERT ... SELECT into the FTS tables for rows that predate it) does in one
        // statement per table what its triggers would do per row.
        var backfill = CatalogueSearchSchema.SqliteUp.Where(s => s.StartsWith("INSERT INTO", StringComparison.Ordinal)).ToList();
        await using (var target = new SqliteBulkTarget(connection, backfill))
        {
            await new CatalogueSeeder(target, size).SeedAsync(ct);
        }

        await RefreshCatalogueStatisticsAsync(DatabaseProvider.Sqlite, connection, ct);
        await CloseSqliteFileAsync(connection, ct);
        File.Move(scratch, file);
        Console.WriteLine($"SQLite: seeded in {Stats.F(Stats.Milliseconds(start) / 1000, "0.0")} s, {Stats.Mib(new FileInfo(file).Length)}");
        return new LoadDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", file);
    }

    private static async Task<LoadDatabase> PreparePostgresAsync(CatalogueSize size, string key, bool reseed, CancellationToken ct)
    {
        var name = $"aicti_load_{size.PublishedReports}_{size.Indicators}_{key}";
        var scratch = name + "_seeding";
        var admin = new NpgsqlConnectionStringBuilder(PostgresAdminConnection);
        var builder = new NpgsqlConnectionStringBuilder(PostgresAdminConnection) { Database = name };
        var exists = await AdminScalarAsync(admin.ConnectionString, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'", ct) is > 0L;
        if (exists && !reseed)
        {
            Console.WriteLine($"PostgreSQL: cached catalogue database {name}");
            await MigrateAsync(DatabaseProvider.Postgres, builder.ConnectionString, ct);
            NpgsqlConnection.ClearAllPools();
            return new LoadDatabase(DatabaseProvider.Postgres, builder.ConnectionString, $"{admin.Host}:{admin.Port}/{name}");
        }

        await AdminExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{scratch}\" WITH (FORCE)", ct);
        await AdminExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
        var connection = new NpgsqlConnectionStringBuilder(PostgresAdminConnection) { Database = scratch }.ConnectionString;
        var start = Stopwatch.GetTimestamp();
        Console.WriteLine($"PostgreSQL: seeding {size} into {scratch}");
        await MigrateAsync(DatabaseProvider.Postgres, connection, ct);
        await using (var target = new PostgresBulkTarget(connection))
        {
            await new CatalogueSeeder(target, size).SeedAsync(ct);
        }

        await RefreshCatalogueStatisticsAsync(DatabaseProvider.Postgres, connection, ct);
        await AdminExecuteAsync(connection, "VACUUM ANALYZE", ct);

        NpgsqlConnection.ClearAllPools();
        await AdminExecuteAsync(admin.ConnectionString, $"ALTER DATABASE \"{scratch}\" RENAME TO \"{name}\"", ct);
        Console.WriteLine($"PostgreSQL: seeded in {Stats.F(Stats.Milliseconds(start) / 1000, "0.0")} s, " +
            Stats.Mib((long)(await AdminScalarAsync(builder.ConnectionString, "SELECT pg_database_size(current_database())", ct))!));
        return new LoadDatabase(DatabaseProvider.Postgres, builder.ConnectionString, $"{admin.Host}:{admin.Port}/{name}");
    }

    /// <summary>The portal's own initializer: creates the database, applies every migration and creates the roles.</summary>
    private static async Task MigrateAsync(DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        await using (var services = PortalDataServices(provider, connectionString))
        {
            await services.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(seedDemoData: false, ct);
        }

        Console.WriteLine($"  {"migrated by PortalDatabaseInitializer",-43} {Stats.F(Stats.Milliseconds(start) / 1000, "0.0"),7} s");
    }

    /// <summary>
    /// Folds the write-ahead log into the file and releases every pooled handle, so the file can be renamed into the
    /// cache whole; the portal switches it back to WAL when it starts.
    /// </summary>
    private static async Task CloseSqliteFileAsync(string connectionString, CancellationToken ct)
    {
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE;";
            await command.ExecuteNonQueryAsync(ct);
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// The catalogue's denormalised score and indicator-type mask, computed the way the portal computes them for rows
    /// it did not publish itself (the seeder inserts reports already published).
    /// </summary>
    private static async Task RefreshCatalogueStatisticsAsync(DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        await using var services = PortalDataServices(provider, connectionString);
        await using var context = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        context.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var updated = await CatalogueStatistics.RefreshMissingAsync(context, ct);
        Console.WriteLine($"  seeded {"catalogue score and type mask",-36} {Stats.F(Stats.Milliseconds(start) / 1000, "0.0"),7} s ({updated:N0} reports)");
    }

    private static string CacheKey(CatalogueSize size)
    {
        var text = $"{SeederVersion}|{size.PublishedReports}|{size.Indicators}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];
    }

    private static ServiceProvider PortalDataServices(DatabaseProvider provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Database:DataFolder"] = Path.Combine(Path.GetTempPath(), "aicti-load", "data"),
        }).Build();
        return new ServiceCollection()
            // EF logs the first probe of a missing migrations table as an error; real failures still throw.
            .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None))
            .AddPortalData(configuration, Path.GetTempPath())
            .BuildServiceProvider();
    }

    private static async Task<object?> AdminScalarAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }

    private static async Task AdminExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Sample values that exist in the catalogue, for the load's lookups (read back, so a cached run has them too).</summary>
    public async Task<List<(string Type, string Normalized)>> SampleIndicatorsAsync(int count, CancellationToken ct)
    {
        var sql = $"SELECT \"Type\", \"NormalizedValue\" FROM \"Indicators\" WHERE \"Status\" = 'Published' AND \"Tlp\" = 0 ORDER BY \"Id\" LIMIT {count}";
        var samples = new List<(string, string)>();
        if (Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = new SqliteConnection(ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                samples.Add((reader.GetString(0), reader.GetString(1)));
            }

            SqliteConnection.ClearPool(connection);
        }
        else
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                samples.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return samples;
    }
}
