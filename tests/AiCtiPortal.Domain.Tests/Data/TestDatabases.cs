using AiCtiPortal.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiCtiPortal.Domain.Tests.Data;

/// <summary>Contexts built exactly as the host builds them, minus dependency injection.</summary>
internal static class TestContexts
{
    public static PortalDbContext Create(PortalDatabaseSettings settings) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UsePortalDatabase(settings).Options);

    /// <summary>What services that take a context factory get in tests.</summary>
    public static IDbContextFactory<PortalDbContext> Factory(PortalDatabaseSettings settings) => new SettingsFactory(settings);

    public static async Task<PortalDatabaseSettings> MigrateAsync(PortalDatabaseSettings settings)
    {
        await using var db = Create(settings);
        await db.Database.MigrateAsync();
        return settings;
    }

    public static PortalDatabaseSettings Sqlite(string file) =>
        PortalDatabaseSettings.Resolve(
            new PortalDataOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" },
            Path.GetDirectoryName(file)!);

    private sealed class SettingsFactory(PortalDatabaseSettings settings) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => Create(settings);
    }
}

/// <summary>Fresh databases for one test class, on one provider.</summary>
public interface ITestDatabases
{
    /// <summary>A new database, empty or not yet created.</summary>
    Task<PortalDatabaseSettings> CreateAsync();

    /// <summary>One migrated database shared by the class's tests (each test adds its own rows).</summary>
    Task<PortalDatabaseSettings> SharedMigratedAsync();
}

/// <summary>SQLite files in a folder of their own, deleted with the class.</summary>
public sealed class SqliteDatabases : ITestDatabases, IDisposable
{
    private readonly SqliteTestFolder _folder = new();
    private readonly Lazy<Task<PortalDatabaseSettings>> _shared;

    public SqliteDatabases() => _shared = new(() => TestContexts.MigrateAsync(_folder.Database("shared.db")));

    public Task<PortalDatabaseSettings> CreateAsync() => Task.FromResult(_folder.Database($"{Guid.NewGuid():N}.db"));

    public Task<PortalDatabaseSettings> SharedMigratedAsync() => _shared.Value;

    public void Dispose() => _folder.Dispose();
}

/// <summary>A folder of its own under the temp directory, removed with everything SQLite left in it.</summary>
internal sealed class SqliteTestFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"aicti-test-{Guid.NewGuid():N}");

    public SqliteTestFolder() => Directory.CreateDirectory(Path);

    public PortalDatabaseSettings Database(string name) => TestContexts.Sqlite(System.IO.Path.Combine(Path, name));

    public void Dispose()
    {
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}

/// <summary>
/// PostgreSQL for one test class: every database it hands out is new (aicti_test_...) and dropped when the class is
/// done, so test classes never share data. An unreachable server fails the tests; it never skips them.
/// </summary>
public sealed class PostgresDatabases : ITestDatabases, IAsyncLifetime
{
    private const string Default = "Host=localhost;Port=5432;Username=aicti;Password=aicti;Database=aicti";
    private readonly List<string> _created = [];
    private readonly Lazy<Task<PortalDatabaseSettings>> _shared;

    public PostgresDatabases() => _shared = new(async () => await TestContexts.MigrateAsync(await CreateAsync()));

    public Task<PortalDatabaseSettings> SharedMigratedAsync() => _shared.Value;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("AICTI_TEST_POSTGRES") is { Length: > 0 } configured ? configured : Default;

    public async Task InitializeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            var where = new NpgsqlConnectionStringBuilder(AdminConnectionString);
            throw new InvalidOperationException(
                $"PostgreSQL for tests is unreachable at {where.Host}:{where.Port} as {where.Username}: {ex.Message}. " +
                "Start it (.ci/run does) or point AICTI_TEST_POSTGRES at a server where the role may create databases.", ex);
        }
    }

    /// <summary>The settings of a database that does not exist yet; it is dropped with the fixture.</summary>
    public PortalDatabaseSettings Unborn()
    {
        var name = $"aicti_test_{Guid.NewGuid():N}";
        _created.Add(name);
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new PortalDatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString, System.IO.Path.GetTempPath());
    }

    /// <summary>A new, empty database.</summary>
    public async Task<PortalDatabaseSettings> CreateAsync()
    {
        var settings = Unborn();
        var name = new NpgsqlConnectionStringBuilder(settings.ConnectionString).Database;
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"");
        return settings;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _created)
        {
            await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
