using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Proposals: a report row can be a working copy of a published report (ProposalForId) submitted against one of its
/// versions (ProposalBaseVersion). Written by hand like the others (docs/decisions/0003-hand-written-migrations.md);
/// MigrationSchemaTests proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000006_Proposals")]
public sealed class Proposals : Migration
{
    private const string Table = "Reports";
    private const string ForeignKey = "FK_Reports_Reports_ProposalForId";
    private const string Index = "IX_Reports_ProposalForId";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "ProposalBaseVersion", table: Table, nullable: true);
        if (migrationBuilder.IsSqlite())
        {
            // SQLite cannot add a foreign key to an existing table (EF would rebuild it, which needs the target model
            // hand-written migrations lack), but it can add a column that carries its own REFERENCES clause.
            migrationBuilder.Sql(
                $"ALTER TABLE \"{Table}\" ADD COLUMN \"ProposalForId\" TEXT NULL CONSTRAINT \"{ForeignKey}\" " +
                $"REFERENCES \"{Table}\" (\"Id\") ON DELETE RESTRICT;");
        }
        else
        {
            migrationBuilder.AddColumn<Guid>(name: "ProposalForId", table: Table, nullable: true);
            migrationBuilder.AddForeignKey(ForeignKey, Table, "ProposalForId", Table, principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        migrationBuilder.CreateIndex(Index, Table, "ProposalForId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(Index, Table);
        if (migrationBuilder.IsSqlite())
        {
            // Native DROP COLUMN (SQLite 3.35+), again to avoid a rebuild that would need the model.
            migrationBuilder.Sql($"ALTER TABLE \"{Table}\" DROP COLUMN \"ProposalForId\";");
            migrationBuilder.Sql($"ALTER TABLE \"{Table}\" DROP COLUMN \"ProposalBaseVersion\";");
        }
        else
        {
            migrationBuilder.DropForeignKey(ForeignKey, Table);
            migrationBuilder.DropColumn("ProposalForId", Table);
            migrationBuilder.DropColumn("ProposalBaseVersion", Table);
        }
    }
}
