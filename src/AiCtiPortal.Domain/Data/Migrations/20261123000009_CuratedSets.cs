using AiCtiPortal.Domain.Data.Configurations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Curated sets (issue 7): the curators' named filters over the published catalogue and the organisations that may
/// read each. Written by hand like the others (docs/decisions/0003-hand-written-migrations.md); MigrationSchemaTests
/// proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000009_CuratedSets")]
public sealed class CuratedSets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CuratedSets",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: ColumnLengths.Name, nullable: false),
                Description = table.Column<string>(maxLength: ColumnLengths.Description, nullable: true),
                Phases = table.Column<int>(nullable: false),
                TechniqueIds = table.Column<string>(maxLength: CuratedSetConfiguration.TechniqueIdsLength, nullable: false),
                IndicatorTypes = table.Column<string>(maxLength: CuratedSetConfiguration.IndicatorTypesLength, nullable: false),
                TlpCeiling = table.Column<int>(nullable: false),
                MinConfidence = table.Column<int>(nullable: false),
                PublishedFrom = table.Column<DateTime>(nullable: true),
                PublishedTo = table.Column<DateTime>(nullable: true),
                CreatedById = table.Column<string>(maxLength: ColumnLengths.UserReference, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedById = table.Column<string>(maxLength: ColumnLengths.UserReference, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                ConcurrencyStamp = table.Column<Guid>(nullable: false),
                IsArchived = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_CuratedSets", x => x.Id));

        migrationBuilder.CreateTable(
            name: "CuratedSetReaders",
            columns: table => new
            {
                SetId = table.Column<Guid>(nullable: false),
                OrganisationId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CuratedSetReaders", x => new { x.SetId, x.OrganisationId });
                table.ForeignKey("FK_CuratedSetReaders_CuratedSets_SetId", x => x.SetId, "CuratedSets", "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CuratedSetReaders_Organisations_OrganisationId", x => x.OrganisationId,
                    "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_CuratedSets_Name", "CuratedSets", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_CuratedSetReaders_OrganisationId", "CuratedSetReaders", "OrganisationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CuratedSetReaders");
        migrationBuilder.DropTable(name: "CuratedSets");
    }
}
