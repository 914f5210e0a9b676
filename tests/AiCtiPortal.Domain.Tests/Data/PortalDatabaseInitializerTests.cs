using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiCtiPortal.Domain.Tests.Data;

public sealed class SqlitePortalDatabaseInitializerTests : IDisposable
{
    private readonly SqliteTestFolder _root = new();

    [Fact]
    public async Task A_fresh_install_gets_its_data_folder_the_schema_and_the_roles()
    {
        using var services = InitializerHost.Build(_root.Path, ("Database:DataFolder", "state"));

        await services.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(seedDemoData: false, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_root.Path, "state", "aicti.db")));
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(PortalRoles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        Assert.False(await db.Users.AnyAsync());
        Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode()").SingleAsync());
        Assert.Equal(1L, await db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS \"Value\" FROM pragma_foreign_keys()").SingleAsync());
    }

    [Fact]
    public async Task Starting_again_keeps_the_data_and_adds_nothing()
    {
        using var services = InitializerHost.Build(_root.Path);
        var initializer = services.GetRequiredService<PortalDatabaseInitializer>();
        await initializer.InitializeAsync(seedDemoData: false, CancellationToken.None);
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.Organisations.Add(new Organisation { Name = "Survives a restart" });
            await db.SaveChangesAsync();
        }

        var before = await CountsAsync(services);

        await initializer.InitializeAsync(seedDemoData: false, CancellationToken.None);

        Assert.Equal(before, await CountsAsync(services));
    }

    [Fact]
    public async Task Without_automatic_migration_pending_migrations_stop_the_start_and_name_the_command()
    {
        using var services = InitializerHost.Build(_root.Path);

        var error = await Assert.ThrowsAsync<DatabaseStartupException>(() => services
            .GetRequiredService<PortalDatabaseInitializer>()
            .InitializeAsync(seedDemoData: false, applyMigrations: false, CancellationToken.None));

        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Contains($"needs {db.Database.GetMigrations().Count()} more", error.Message);
        Assert.Contains("dotnet AiCtiPortal.Web.dll migrate", error.Message);
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task Without_automatic_migration_an_up_to_date_database_starts()
    {
        using var services = InitializerHost.Build(_root.Path);
        var initializer = services.GetRequiredService<PortalDatabaseInitializer>();
        await initializer.InitializeAsync(seedDemoData: false, CancellationToken.None);

        await initializer.InitializeAsync(seedDemoData: false, applyMigrations: false, CancellationToken.None);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_reported_and_left_untouched()
    {
        var dataFolder = Path.Combine(_root.Path, "data");
        Directory.CreateDirectory(dataFolder);
        var file = Path.Combine(dataFolder, "aicti.db");
        var garbage = "this is a text file, not a database\n"u8.ToArray().Concat(Enumerable.Range(0, 4000).Select(i => (byte)(i * 7))).ToArray();
        await File.WriteAllBytesAsync(file, garbage);
        using var services = InitializerHost.Build(_root.Path);

        var error = await Assert.ThrowsAsync<DatabaseStartupException>(
            () => services.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(false, CancellationToken.None));

        Assert.Contains($"The SQLite file {file} is not a database", error.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(file));
        Assert.Equal([file], Directory.GetFiles(dataFolder));
    }

    [Fact]
    public async Task A_damaged_database_behind_a_valid_header_is_reported_clearly()
    {
        var file = Path.Combine(_root.Path, "data", "aicti.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var damaged = "SQLite format 3\0"u8.ToArray().Concat(Enumerable.Repeat((byte)0xEE, 8192)).ToArray();
        await File.WriteAllBytesAsync(file, damaged);
        using var services = InitializerHost.Build(_root.Path);

        var error = await Assert.ThrowsAsync<DatabaseStartupException>(
            () => services.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(false, CancellationToken.None));

        Assert.Matches("The SQLite file .*aicti.db is (not a database|corrupt)", error.Message);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task A_failing_migration_is_named_and_leaves_no_half_built_schema()
    {
        var file = Path.Combine(_root.Path, "data", "aicti.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await MigrationFailures.CreateConflictingTableAsync(_root.Database(file));
        using var services = InitializerHost.Build(_root.Path);

        var error = await Assert.ThrowsAsync<DatabaseStartupException>(
            () => services.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(false, CancellationToken.None));

        MigrationFailures.AssertRolledBack(error, await MigrationFailures.TablesAsync(_root.Database(file)));
    }

    [Fact]
    public void The_factory_and_a_scoped_context_are_both_registered()
    {
        using var services = InitializerHost.Build(_root.Path);
        using var scope = services.CreateScope();

        var scoped = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        Assert.Same(scoped, scope.ServiceProvider.GetRequiredService<PortalDbContext>());
        Assert.NotNull(services.GetRequiredService<IDbContextFactory<PortalDbContext>>());
    }

    private static async Task<(int Organisations, int Roles, int Migrations)> CountsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return (await db.Organisations.CountAsync(), await db.Roles.CountAsync(), (await db.Database.GetAppliedMigrationsAsync()).Count());
    }

    public void Dispose() => _root.Dispose();
}

/// <summary>
/// A table named like one the first migration creates, but with another shape, makes that migration fail half-way
/// (after it created the tables before it).
/// </summary>
internal static class MigrationFailures
{
    public static async Task CreateConflictingTableAsync(PortalDatabaseSettings settings)
    {
        await using var db = TestContexts.Create(settings);
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync())
        {
            await creator.CreateAsync();
        }

        await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"Organisations\" (\"Legacy\" integer)");
    }

    public static async Task<IReadOnlyList<string>> TablesAsync(PortalDatabaseSettings settings)
    {
        await using var db = TestContexts.Create(settings);
        await db.Database.OpenConnectionAsync();
        return await SchemaSnapshot.TablesAsync(db.Database.GetDbConnection());
    }

    public static void AssertRolledBack(DatabaseStartupException error, IReadOnlyList<string> tables)
    {
        Assert.StartsWith(
            "Migration 20261123000001_InitialSchema failed and was rolled back; the database stays at no migration (empty).",
            error.Message, StringComparison.Ordinal);

        // The Identity tables come before Organisations in the migration; the transaction took them back out.
        Assert.DoesNotContain("AspNetUsers", tables);
        Assert.DoesNotContain("AspNetRoles", tables);
        Assert.Contains("Organisations", tables);
    }
}

public sealed class PostgresPortalDatabaseInitializerTests(PostgresDatabases databases) : IClassFixture<PostgresDatabases>
{
    [Fact]
    public async Task An_unreachable_server_is_reported_with_its_address()
    {
        var connection = new NpgsqlConnectionStringBuilder(PostgresDatabases.AdminConnectionString)
        {
            Host = "localhost", Port = 1, Database = "aicti_unreachable", Timeout = 3,
        };
        using var services = InitializerHost.Postgres(connection.ConnectionString);

        var error = await Assert.ThrowsAsync<DatabaseStartupException>(
            () => services.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(false, CancellationToken.None));

        Assert.StartsWith("PostgreSQL at localhost:1/aicti_unreachable is unreachable:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_as_such_and_creates_nothing()
    {
        var settings = databases.Unborn();
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Password = "not-the-password" };
        using var services = InitializerHost.Postgres(connection.ConnectionString);

        var error = await Assert.ThrowsAsync<DatabaseStartupException>(
            () => services.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(false, CancellationToken.None));

        Assert.Contains($"refused user '{connection.Username}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.Message, StringComparison.Ordinal);
        Assert.False(await DatabaseExistsAsync(connection.Database!));
    }

    [Fact]
    public async Task A_failing_migration_is_named_and_leaves_no_half_built_schema()
    {
        var settings = await databases.CreateAsync();
        await MigrationFailures.CreateConflictingTableAsync(settings);
        using var services = InitializerHost.Postgres(settings.ConnectionString);

        var error = await Assert.ThrowsAsync<DatabaseStartupException>(
            () => services.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(false, CancellationToken.None));

        MigrationFailures.AssertRolledBack(error, await MigrationFailures.TablesAsync(settings));
    }

    [Fact]
    public async Task A_missing_database_is_created_and_migrated()
    {
        var settings = databases.Unborn();
        using var services = InitializerHost.Postgres(settings.ConnectionString);

        await services.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(seedDemoData: true, CancellationToken.None);

        await using var db = TestContexts.Create(settings);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(4, await db.Roles.CountAsync());
        Assert.True(await db.Reports.CountAsync() >= 8);
    }

    private static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresDatabases.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
