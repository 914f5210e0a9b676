using AiCtiPortal.Domain.Sightings;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Sightings reported through the API. Written by hand like the others
/// (docs/decisions/0003-hand-written-migrations.md); MigrationSchemaTests proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000012_Sightings")]
public sealed class Sightings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Sightings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                IndicatorId = table.Column<Guid>(nullable: false),
                SeenAt = table.Column<DateTime>(nullable: false),
                Count = table.Column<int>(nullable: false),
                Source = table.Column<string>(maxLength: Sighting.MaxSourceLength, nullable: true),
                Note = table.Column<string>(maxLength: Sighting.MaxNoteLength, nullable: true),
                ReporterKey = table.Column<string>(maxLength: Sighting.ReporterKeyLength, nullable: false),
                TokenId = table.Column<Guid>(nullable: false),
                ClientId = table.Column<string>(maxLength: Sighting.MaxClientIdLength, nullable: true),
                RecordedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Sightings", x => x.Id);
                table.ForeignKey("FK_Sightings_Indicators_IndicatorId", x => x.IndicatorId, "Indicators", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Sightings_IndicatorId_SeenAt", "Sightings", ["IndicatorId", "SeenAt"]);
        migrationBuilder.CreateIndex("IX_Sightings_ReporterKey_ClientId", "Sightings", ["ReporterKey", "ClientId"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "Sightings");
}
