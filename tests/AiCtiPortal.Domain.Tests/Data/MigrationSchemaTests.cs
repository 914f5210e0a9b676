using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Data.Migrations;
using AiCtiPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Tests.Data;

/// <summary>
/// The proof that the hand-written migrations build the schema the model describes: migrate one empty database,
/// EnsureCreated another from the same model, and compare both by introspection. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class MigrationSchemaTests(ITestDatabases databases)
{
    private static readonly string[] QuartzTables = ["QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_LOCKS", "QRTZ_CRON_TRIGGERS", "QRTZ_FIRED_TRIGGERS"];

    private Task<PortalDatabaseSettings> NewDatabaseAsync() => databases.CreateAsync();

    [Fact]
    public async Task Migrations_build_the_same_schema_as_the_model()
    {
        await using var migrated = TestContexts.Create(await NewDatabaseAsync());
        await migrated.Database.MigrateAsync();
        await using var created = TestContexts.Create(await NewDatabaseAsync());
        Assert.True(await created.Database.EnsureCreatedAsync());

        var fromMigrations = await ReadSchemaAsync(migrated);
        var fromModel = await ReadSchemaAsync(created);

        Assert.True(fromModel.Lines.Count > 100, $"The model's schema looks too small ({fromModel.Lines.Count} lines).");
        var diff = SchemaSnapshot.Diff(fromModel, "EnsureCreated", fromMigrations, "migrations");
        Assert.True(diff.Length == 0, diff);
    }

    [Fact]
    public async Task Migrations_create_the_Quartz_job_store_tables()
    {
        await using var db = TestContexts.Create(await NewDatabaseAsync());
        await db.Database.MigrateAsync();

        var tables = await TablesAsync(db);
        foreach (var table in QuartzTables)
        {
            Assert.Contains(table, tables, StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Applying_the_migrations_twice_changes_nothing()
    {
        await using var db = TestContexts.Create(await NewDatabaseAsync());
        await db.Database.MigrateAsync();
        var before = await ReadSchemaAsync(db);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(before.Lines, (await ReadSchemaAsync(db)).Lines);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task A_database_at_the_first_migration_upgrades_in_place_and_keeps_its_rows()
    {
        var settings = await NewDatabaseAsync();
        await using (var db = TestContexts.Create(settings))
        {
            await db.GetService<IMigrator>().MigrateAsync("20261123000001_InitialSchema");
            Assert.DoesNotContain("QRTZ_LOCKS", await TablesAsync(db), StringComparer.OrdinalIgnoreCase);
            db.Organisations.Add(new Organisation { Name = "Kept across upgrades" });
            await db.SaveChangesAsync();
        }

        await using (var db = TestContexts.Create(settings))
        {
            await db.Database.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Contains("QRTZ_LOCKS", await TablesAsync(db), StringComparer.OrdinalIgnoreCase);
            Assert.True(await db.Organisations.AnyAsync(o => o.Name == "Kept across upgrades"));
        }
    }

    [Fact]
    public void The_Quartz_script_splits_into_create_statements_only()
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            var statements = QuartzSchemaScript.Statements(provider);

            Assert.True(statements.Count > 20, $"{provider}: only {statements.Count} statements");
            Assert.All(statements, s => Assert.StartsWith("CREATE", s.Split('\n').First(l => !l.StartsWith("--", StringComparison.Ordinal)), StringComparison.Ordinal));
            Assert.All(statements, s => Assert.DoesNotContain("{0}", s, StringComparison.Ordinal));
        }
    }

    private static async Task<SchemaSnapshot> ReadSchemaAsync(PortalDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            return await SchemaSnapshot.ReadAsync(db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<IReadOnlyList<string>> TablesAsync(PortalDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            return await SchemaSnapshot.TablesAsync(db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

public sealed class SqliteMigrationSchemaTests(SqliteDatabases databases)
    : MigrationSchemaTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresMigrationSchemaTests(PostgresDatabases databases)
    : MigrationSchemaTests(databases), IClassFixture<PostgresDatabases>;
