using AiCtiPortal.Domain.Data.Configurations;
using AiCtiPortal.Domain.Exports.Runs;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Export runs (issue 7): one row per export of a curated set, with its progress, counts and package folder. Written
/// by hand like the others (docs/decisions/0003-hand-written-migrations.md); MigrationSchemaTests proves it matches
/// the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000011_ExportRuns")]
public sealed class ExportRuns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ExportRuns",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CuratedSetId = table.Column<Guid>(nullable: false),
                Format = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                Kind = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                Since = table.Column<DateTime>(nullable: true),
                CutOff = table.Column<DateTime>(nullable: true),
                Status = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                Progress = table.Column<int>(nullable: false),
                Ceiling = table.Column<int>(nullable: false),
                ReportCount = table.Column<long>(nullable: false),
                IndicatorCount = table.Column<long>(nullable: false),
                ObjectCount = table.Column<long>(nullable: false),
                TotalBytes = table.Column<long>(nullable: false),
                PackageFolder = table.Column<string>(maxLength: ExportRun.MaxFolderLength, nullable: true),
                JobRunId = table.Column<Guid>(nullable: true),
                RequestedBy = table.Column<string>(maxLength: ColumnLengths.UserReference, nullable: false),
                QueuedAt = table.Column<DateTime>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: true),
                FinishedAt = table.Column<DateTime>(nullable: true),
                ExpiredAt = table.Column<DateTime>(nullable: true),
                Message = table.Column<string>(maxLength: ColumnLengths.Description, nullable: true),
                Error = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ExportRuns", x => x.Id);
                table.ForeignKey("FK_ExportRuns_CuratedSets_CuratedSetId", x => x.CuratedSetId, "CuratedSets", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            "IX_ExportRuns_CuratedSetId_Format_QueuedAt", "ExportRuns", ["CuratedSetId", "Format", "QueuedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "ExportRuns");
}
