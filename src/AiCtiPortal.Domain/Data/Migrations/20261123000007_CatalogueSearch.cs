using AiCtiPortal.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Catalogue search: the denormalised score and indicator-type mask on reports, the hot-path indexes, and the
/// full-text objects per provider (SQLite FTS5 tables kept in step by triggers; PostgreSQL GIN indexes over a
/// tsvector expression and pg_trgm). Written by hand like the others (docs/decisions/0003-hand-written-migrations.md);
/// MigrationSchemaTests proves the model part matches, CatalogueSearchSchemaTests the provider-specific part.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000007_CatalogueSearch")]
public sealed class CatalogueSearch : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<double>(name: "CatalogueScore", table: "Reports", nullable: true);
        migrationBuilder.AddColumn<long>(name: "IndicatorTypeMask", table: "Reports", nullable: true);

        migrationBuilder.CreateIndex("IX_Reports_Catalogue_Newest", "Reports", ["Status", "PublishedAt", "Id"]);
        migrationBuilder.CreateIndex("IX_Reports_Catalogue_Facets", "Reports",
            ["Status", "Tlp", "Phases", "Confidence", "PublishedAt", "CatalogueScore", "IndicatorTypeMask", "AuthorId", "Id"]);
        migrationBuilder.CreateIndex("IX_Reports_ReviewQueue", "Reports", ["Status", "SubmittedAt", "Id"]);
        migrationBuilder.CreateIndex("IX_Indicators_Catalogue_Newest", "Indicators", ["Status", "UpdatedAt", "Id"]);
        migrationBuilder.CreateIndex("IX_Indicators_Catalogue_Type", "Indicators",
            ["Status", "Type", "UpdatedAt", "Id", "Tlp", "CreatedById"]);

        var search = migrationBuilder.IsSqlite() ? CatalogueSearchSchema.SqliteUp : CatalogueSearchSchema.PostgresUp;
        foreach (var statement in search)
        {
            migrationBuilder.Sql(statement);
        }

        // Existing published reports get their score and mask now; new ones get them when the workflow publishes.
        migrationBuilder.Sql(CatalogueStatistics.RefreshMissingSql);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var search = migrationBuilder.IsSqlite() ? CatalogueSearchSchema.SqliteDown : CatalogueSearchSchema.PostgresDown;
        foreach (var statement in search)
        {
            migrationBuilder.Sql(statement);
        }

        migrationBuilder.DropIndex("IX_Indicators_Catalogue_Type", "Indicators");
        migrationBuilder.DropIndex("IX_Indicators_Catalogue_Newest", "Indicators");
        migrationBuilder.DropIndex("IX_Reports_ReviewQueue", "Reports");
        migrationBuilder.DropIndex("IX_Reports_Catalogue_Facets", "Reports");
        migrationBuilder.DropIndex("IX_Reports_Catalogue_Newest", "Reports");
        if (migrationBuilder.IsSqlite())
        {
            // Native DROP COLUMN (SQLite 3.35+): EF's table rebuild would need the target model hand-written migrations lack.
            migrationBuilder.Sql("ALTER TABLE \"Reports\" DROP COLUMN \"IndicatorTypeMask\";");
            migrationBuilder.Sql("ALTER TABLE \"Reports\" DROP COLUMN \"CatalogueScore\";");
        }
        else
        {
            migrationBuilder.DropColumn("IndicatorTypeMask", "Reports");
            migrationBuilder.DropColumn("CatalogueScore", "Reports");
        }
    }
}
