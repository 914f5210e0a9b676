using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// The Quartz job store's tables (prefix QRTZ_) in the portal's database, from the script Quartz itself embeds for
/// the provider. They live beside the EF tables so one backup and one connection string cover both.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000002_QuartzJobStore")]
public sealed class QuartzJobStore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in QuartzSchemaScript.Statements(ProviderOf(migrationBuilder)))
        {
            migrationBuilder.Sql(statement);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in QuartzSchemaScript.TablesInDropOrder)
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {QuartzSchemaScript.TablePrefix}{table};");
        }
    }

    internal static DatabaseProvider ProviderOf(MigrationBuilder migrationBuilder) => migrationBuilder.ActiveProvider switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => DatabaseProvider.Sqlite,
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.Postgres,
        var other => throw new InvalidOperationException($"The Quartz job store migration does not support provider {other}."),
    };
}
