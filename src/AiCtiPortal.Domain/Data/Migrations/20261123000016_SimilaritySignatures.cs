using AiCtiPortal.Domain.Data.Configurations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Stored MinHash signatures and their LSH band keys, so a similarity check queries candidates by band key instead
/// of rebuilding the corpus, and the provenance of duplicates merged when a reviewer confirms a finding (issue 6).
/// Empty tables: existing published items are indexed by the checks themselves (SimilaritySignatureIndexer).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000016_SimilaritySignatures")]
public sealed class SimilaritySignatures : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SimilaritySignatures",
            columns: table => new
            {
                Kind = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                ItemId = table.Column<Guid>(nullable: false),
                Source = table.Column<string>(maxLength: Curation.Similarity.SimilaritySignature.MaxSourceLength, nullable: false),
                Values = table.Column<byte[]>(nullable: false),
                ElementCount = table.Column<int>(nullable: false),
                IndexedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SimilaritySignatures", x => new { x.Kind, x.ItemId }));

        migrationBuilder.CreateTable(
            name: "SimilarityBands",
            columns: table => new
            {
                BandKey = table.Column<long>(nullable: false),
                ItemId = table.Column<Guid>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SimilarityBands", x => new { x.BandKey, x.ItemId }));

        migrationBuilder.CreateTable(
            name: "SimilarityIndexState",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false),
                Revision = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SimilarityIndexState", x => x.Id));

        migrationBuilder.CreateTable(
            name: "IndicatorMerges",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SurvivorIndicatorId = table.Column<Guid>(nullable: false),
                MergedIndicatorId = table.Column<Guid>(nullable: false),
                ReportId = table.Column<Guid>(nullable: false),
                ReportVersion = table.Column<int>(nullable: false),
                FindingId = table.Column<Guid>(nullable: false),
                FindingKind = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                MergedType = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                MergedValue = table.Column<string>(maxLength: ColumnLengths.IndicatorValue, nullable: false),
                SubmittedById = table.Column<string>(maxLength: ColumnLengths.UserReference, nullable: false),
                SubmittedAt = table.Column<DateTime>(nullable: false),
                MergedById = table.Column<string>(maxLength: ColumnLengths.UserReference, nullable: false),
                MergedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_IndicatorMerges", x => x.Id));

        migrationBuilder.CreateIndex("IX_IndicatorMerges_SurvivorIndicatorId", "IndicatorMerges", "SurvivorIndicatorId");
        migrationBuilder.CreateIndex("IX_IndicatorMerges_FindingId", "IndicatorMerges", "FindingId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "IndicatorMerges");
        migrationBuilder.DropTable(name: "SimilarityIndexState");
        migrationBuilder.DropTable(name: "SimilarityBands");
        migrationBuilder.DropTable(name: "SimilaritySignatures");
    }
}
