using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Data.Configurations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Similarity findings of submissions (issue 6). Written by hand like the others
/// (docs/decisions/0003-hand-written-migrations.md); MigrationSchemaTests proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000013_SimilarityFindings")]
public sealed class SimilarityFindings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SimilarityFindings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReportId = table.Column<Guid>(nullable: false),
                ReportVersion = table.Column<int>(nullable: false),
                Kind = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                SubjectIndicatorId = table.Column<Guid>(nullable: true),
                OtherReportId = table.Column<Guid>(nullable: true),
                OtherIndicatorId = table.Column<Guid>(nullable: true),
                Score = table.Column<double>(nullable: false),
                NativeScore = table.Column<double>(nullable: false),
                Explanation = table.Column<string>(maxLength: SimilarityFinding.MaxExplanationLength, nullable: false),
                IsCommonValue = table.Column<bool>(nullable: false),
                Status = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                PairKey = table.Column<string>(maxLength: ColumnLengths.Sha256Hex, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                DecidedById = table.Column<string>(maxLength: ColumnLengths.UserReference, nullable: true),
                DecidedAt = table.Column<DateTime>(nullable: true),
                DecisionReason = table.Column<string>(maxLength: SimilarityFinding.MaxReasonLength, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SimilarityFindings", x => x.Id);
                table.ForeignKey("FK_SimilarityFindings_Reports_ReportId", x => x.ReportId, "Reports", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_SimilarityFindings_ReportId_ReportVersion_PairKey", "SimilarityFindings",
            ["ReportId", "ReportVersion", "PairKey"], unique: true);
        migrationBuilder.CreateIndex("IX_SimilarityFindings_Status_ReportId", "SimilarityFindings", ["Status", "ReportId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "SimilarityFindings");
}
