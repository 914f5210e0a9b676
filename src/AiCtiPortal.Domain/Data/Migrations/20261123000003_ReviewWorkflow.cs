using AiCtiPortal.Domain.Data.Configurations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Review decisions with their rubric scores, and the audit trail of workflow transitions. Written by hand like the
/// others (docs/decisions/0003-hand-written-migrations.md); MigrationSchemaTests proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000003_ReviewWorkflow")]
public sealed class ReviewWorkflow : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Reviews",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReportId = table.Column<Guid>(nullable: false),
                ReportVersion = table.Column<int>(nullable: false),
                ReviewerId = table.Column<string>(nullable: false),
                Decision = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                Comment = table.Column<string>(maxLength: ColumnLengths.Description, nullable: true),
                EvidenceScore = table.Column<int>(nullable: false),
                SpecificityScore = table.Column<int>(nullable: false),
                CorrectnessScore = table.Column<int>(nullable: false),
                NoveltyScore = table.Column<int>(nullable: false),
                CompletenessScore = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reviews", x => x.Id);
                table.ForeignKey("FK_Reviews_AspNetUsers_ReviewerId", x => x.ReviewerId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Reviews_Reports_ReportId", x => x.ReportId, "Reports", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Reviews_ReportId_ReportVersion_ReviewerId", "Reviews",
            ["ReportId", "ReportVersion", "ReviewerId"], unique: true);
        migrationBuilder.CreateIndex("IX_Reviews_ReviewerId", "Reviews", "ReviewerId");

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                EntityType = table.Column<string>(maxLength: ColumnLengths.AuditName, nullable: false),
                EntityId = table.Column<string>(maxLength: ColumnLengths.AuditEntityId, nullable: false),
                Action = table.Column<string>(maxLength: ColumnLengths.AuditName, nullable: false),
                ActorId = table.Column<string>(maxLength: ColumnLengths.UserReference, nullable: false),
                At = table.Column<DateTime>(nullable: false),
                BeforeJson = table.Column<string>(nullable: true),
                AfterJson = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        migrationBuilder.CreateIndex("IX_AuditEntries_EntityType_EntityId_At", "AuditEntries", ["EntityType", "EntityId", "At"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AuditEntries");
        migrationBuilder.DropTable(name: "Reviews");
    }
}
