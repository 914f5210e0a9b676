using AiCtiPortal.Domain.Artifacts;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Versions of the artifact scanner's policy, edited by curators. Written by hand like the others
/// (docs/decisions/0003-hand-written-migrations.md); MigrationSchemaTests proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000005_ScanPolicy")]
public sealed class ScanPolicy : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ScanPolicyVersions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Number = table.Column<int>(nullable: false),
                Json = table.Column<string>(nullable: false),
                AuthorId = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ChangeNote = table.Column<string>(maxLength: ScanPolicyVersion.MaxChangeNoteLength, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ScanPolicyVersions", x => x.Id);
                table.ForeignKey("FK_ScanPolicyVersions_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_ScanPolicyVersions_AuthorId", "ScanPolicyVersions", "AuthorId");
        migrationBuilder.CreateIndex("IX_ScanPolicyVersions_Number", "ScanPolicyVersions", "Number", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "ScanPolicyVersions");
}
