using AiCtiPortal.Domain.Data.Configurations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Issue 7: the keyset index that lets TAXII pages and full exports read reports in (UpdatedAt, Id) order by an index
/// range scan, and a curated set's minimum quality score. Written by hand like the others
/// (docs/decisions/0003-hand-written-migrations.md); MigrationSchemaTests proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000014_ExportKeysetIndexes")]
public sealed class ExportKeysetIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(ThreatReportExportConfiguration.KeysetIndex, "Reports", ["Status", "UpdatedAt", "Id"]);
        migrationBuilder.AddColumn<int>(name: "MinQualityScore", table: "CuratedSets", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(ThreatReportExportConfiguration.KeysetIndex, "Reports");
        if (migrationBuilder.IsSqlite())
        {
            // Native DROP COLUMN (SQLite 3.35+), as in 0007: EF's table rebuild is not needed for a plain column.
            migrationBuilder.Sql("ALTER TABLE \"CuratedSets\" DROP COLUMN \"MinQualityScore\";");
        }
        else
        {
            migrationBuilder.DropColumn("MinQualityScore", "CuratedSets");
        }
    }
}
