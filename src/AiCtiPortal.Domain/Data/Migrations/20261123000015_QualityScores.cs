using AiCtiPortal.Domain.Curation.Quality.Storage;
using AiCtiPortal.Domain.Data.Configurations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Quality scores of reports and indicators, the reasons behind them, and the indicator confidence decay's
/// bookkeeping (issue 6). Written by hand like the others (docs/decisions/0003-hand-written-migrations.md);
/// MigrationSchemaTests proves it matches the model. Plain nullable columns: SQLite adds them in place, so the
/// catalogue triggers of migration 0008 stay untouched.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000015_QualityScores")]
public sealed class QualityScores : Migration
{
    private static readonly (string Table, string Column)[] Columns =
    [
        ("Reports", "QualityScore"),
        ("Indicators", "QualityScore"),
        ("Indicators", "SubmittedConfidence"),
        ("Indicators", "DecayedConfidence"),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, column) in Columns)
        {
            migrationBuilder.AddColumn<int>(name: column, table: table, nullable: true);
        }

        migrationBuilder.CreateTable(
            name: "QualityAssessments",
            columns: table => new
            {
                ItemKind = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                ItemId = table.Column<Guid>(nullable: false),
                Score = table.Column<int>(nullable: false),
                Findings = table.Column<string>(nullable: false),
                RulesVersion = table.Column<string>(maxLength: StoredQualityAssessment.MaxRulesVersionLength, nullable: false),
                AssessedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_QualityAssessments", x => new { x.ItemKind, x.ItemId }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "QualityAssessments");

        foreach (var (table, column) in Columns)
        {
            if (migrationBuilder.IsSqlite())
            {
                // Native DROP COLUMN (SQLite 3.35+), as in 0007: EF's table rebuild would also drop 0008's triggers.
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" DROP COLUMN \"{column}\";");
            }
            else
            {
                migrationBuilder.DropColumn(column, table);
            }
        }
    }
}
