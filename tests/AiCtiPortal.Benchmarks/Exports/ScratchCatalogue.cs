using System.Diagnostics;
using AiCtiPortal.Benchmarks.Load;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Taxii;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiCtiPortal.Benchmarks.Exports;

/// <summary>
/// A private copy of the load benchmark's cached catalogue (100,000 published reports and 1,000,000 indicators by
/// default), for the export and TAXII benchmarks. The cache is seeded by <see cref="LoadDatabase"/> when absent and
/// otherwise only copied (a file copy, or CREATE DATABASE ... TEMPLATE), so the migrations of the tree being measured
/// and the curated sets these benchmarks add never touch the shared cache. The copy is deleted on dispose.
/// </summary>
internal sealed class ScratchCatalogue : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _database;

    private ScratchCatalogue(DatabaseProvider provider, string connectionString, string dataFolder, string? folder, string? database)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataFolder = dataFolder;
        _folder = folder;
        _database = database;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The portal's data folder for this copy (exports are written under it).</summary>
    public string DataFolder { get; }

    public static DatabaseProvider[] Providers(Arguments args) => args.String("provider", "both").ToLowerInvariant() switch
    {
        "sqlite" => [DatabaseProvider.Sqlite],
        "postgres" or "postgresql" => [DatabaseProvider.Postgres],
        "both" => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
        var other => throw new ArgumentException($"--provider {other}: expected sqlite, postgres or both."),
    };

    public static CatalogueSize Size(Arguments args) => new(args.Int("reports", 100_000), args.Int("indicators", 1_000_000));

    public static async Task<ScratchCatalogue> CopyAsync(DatabaseProvider provider, CatalogueSize size, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var folder = Path.Combine(Path.GetTempPath(), $"aicti-exports-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        ScratchCatalogue scratch;
        if (provider == DatabaseProvider.Sqlite)
        {
            var cached = CachedSqliteFile(size) ?? (await LoadDatabase.PrepareAsync(provider, size, reseed: false, ct)).Description;
            var file = Path.Combine(folder, "catalogue.db");
            File.Copy(cached, file, overwrite: true);
            scratch = new ScratchCatalogue(provider, $"Data Source={file}", folder, folder, null);
        }
        else
        {
            var template = await CachedPostgresDatabaseAsync(size, ct);
            if (template is null)
            {
                await LoadDatabase.PrepareAsync(provider, size, reseed: false, ct);
                template = await CachedPostgresDatabaseAsync(size, ct)
                    ?? throw new InvalidOperationException("The load benchmark's seeding left no catalogue database.");
            }

            var name = $"aicti_exports_bench_{Environment.ProcessId}";
            await ExecuteAsync(LoadDatabase.PostgresAdminConnection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
            await ExecuteAsync(LoadDatabase.PostgresAdminConnection, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", ct);
            var connection = new NpgsqlConnectionStringBuilder(LoadDatabase.PostgresAdminConnection) { Database = name }.ConnectionString;
            scratch = new ScratchCatalogue(provider, connection, folder, folder, name);
        }

        // The tree's own migrations, as a deployment would apply them (this one's keyset index included).
        await using (var services = scratch.Services())
        {
            await services.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(seedDemoData: false, ct);
        }

        Console.WriteLine($"{provider}: private copy of the cached catalogue ready and migrated in {Stats.F(Stats.Milliseconds(start) / 1000, "0.0")} s");
        return scratch;
    }

    /// <summary>
    /// Reads the whole copy once so that its pages sit in the operating system's cache, as they do on a portal that has
    /// been serving for a while with the memory for it. A fresh copy is cold: the file copy bypasses the cache, and
    /// PostgreSQL's template copy too. Returns the bytes read.
    /// </summary>
    public async Task<long> WarmAsync(CancellationToken ct)
    {
        if (_database is null)
        {
            var total = 0L;
            var buffer = new byte[1 << 20];
            foreach (var file in Directory.GetFiles(_folder!, "catalogue.db*"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
                int read;
                while ((read = await stream.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                }
            }

            return total;
        }

        // pg_prewarm's "read" mode reads each table and index through the operating system cache.
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_prewarm", connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using var warm = new NpgsqlCommand(
            "SELECT coalesce(sum(pg_prewarm(c.oid::regclass, 'read')), 0)::bigint * current_setting('block_size')::bigint " +
            "FROM pg_class c WHERE c.relkind IN ('r', 'i', 't') AND c.relnamespace = 'public'::regnamespace", connection);
        return (long)(await warm.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The portal's data layer, curated sets, TAXII and export services over this copy.</summary>
    public ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = ConnectionString,
            ["Database:DataFolder"] = DataFolder,
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None))
            .AddSingleton(TimeProvider.System)
            .AddPortalData(configuration, DataFolder)
            .AddTaxiiCollections();
        services.AddOptions<ExportOptions>();
        services.AddSingleton<ExportBuilder>();
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(LoadDatabase.PostgresAdminConnection, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string? CachedSqliteFile(CatalogueSize size)
    {
        var folder = Environment.GetEnvironmentVariable("AICTI_LOAD_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "aicti-load");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, $"catalogue-{size.PublishedReports}-{size.Indicators}-*.db")
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
    }

    private static async Task<string?> CachedPostgresDatabaseAsync(CatalogueSize size, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(LoadDatabase.PostgresAdminConnection);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT datname FROM pg_database WHERE datname LIKE @pattern AND datname NOT LIKE '%\\_seeding' ORDER BY datname LIMIT 1", connection);
        command.Parameters.AddWithValue("pattern", $"aicti\\_load\\_{size.PublishedReports}\\_{size.Indicators}\\_%");
        return await command.ExecuteScalarAsync(ct) as string;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The 1-minute load average, printed next to every figure (the 2 cores are shared).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
