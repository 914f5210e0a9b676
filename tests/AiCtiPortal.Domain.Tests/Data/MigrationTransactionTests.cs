using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Tests.Data;

/// <summary>
/// The portal relies on EF applying each migration in a transaction, so a failing migration leaves the database at
/// the previous one instead of half-way. Proven here with a throwaway context whose second migration fails after
/// creating a table, on both providers.
/// </summary>
public abstract class MigrationTransactionTests(ITestDatabases databases)
{
    private Task<PortalDatabaseSettings> NewDatabaseAsync() => databases.CreateAsync();

    [Fact]
    public async Task A_failing_migration_is_rolled_back_entirely()
    {
        await using var db = new ProbeContext(await NewDatabaseAsync());

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.MigrateAsync());

        Assert.Equal(["20990101000001_ProbeCreate"], await db.Database.GetAppliedMigrationsAsync());
        await db.Database.OpenConnectionAsync();
        var tables = await SchemaSnapshot.TablesAsync(db.Database.GetDbConnection());
        await db.Database.CloseConnectionAsync();
        Assert.Contains("Probe", tables);
        Assert.DoesNotContain("HalfWritten", tables);
    }

    internal sealed class ProbeContext(PortalDatabaseSettings settings) : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
        {
            _ = settings.Provider == DatabaseProvider.Sqlite
                ? optionsBuilder.UseSqlite(settings.ConnectionString, o => o.MigrationsAssembly(GetType().Assembly.GetName().Name))
                : optionsBuilder.UseNpgsql(settings.ConnectionString, o => o.MigrationsAssembly(GetType().Assembly.GetName().Name));
            optionsBuilder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        }
    }

    [DbContext(typeof(ProbeContext))]
    [Migration("20990101000001_ProbeCreate")]
    internal sealed class ProbeCreate : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.CreateTable("Probe", t => new { Id = t.Column<int>(nullable: false) }, constraints: t => t.PrimaryKey("PK_Probe", x => x.Id));
    }

    [DbContext(typeof(ProbeContext))]
    [Migration("20990101000002_ProbeFail")]
    internal sealed class ProbeFail : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable("HalfWritten", t => new { Id = t.Column<int>(nullable: false) }, constraints: t => t.PrimaryKey("PK_HalfWritten", x => x.Id));
            migrationBuilder.InsertData("HalfWritten", "Id", 1);
            migrationBuilder.Sql("INSERT INTO \"NoSuchTable\" VALUES (1);");
        }
    }
}

public sealed class SqliteMigrationTransactionTests(SqliteDatabases databases)
    : MigrationTransactionTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresMigrationTransactionTests(PostgresDatabases databases)
    : MigrationTransactionTests(databases), IClassFixture<PostgresDatabases>;
