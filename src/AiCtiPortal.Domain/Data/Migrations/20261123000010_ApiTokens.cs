using AiCtiPortal.Domain.Data.Configurations;
using AiCtiPortal.Domain.Identity.ApiTokens;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Personal and organisation API tokens (hashes only). Written by hand like the others
/// (docs/decisions/0003-hand-written-migrations.md); MigrationSchemaTests proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000010_ApiTokens")]
public sealed class ApiTokens : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ApiTokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: ApiToken.MaxNameLength, nullable: false),
                UserId = table.Column<string>(nullable: true),
                OrganisationId = table.Column<Guid>(nullable: true),
                Scopes = table.Column<int>(nullable: false),
                SecretHash = table.Column<string>(maxLength: ColumnLengths.Sha256Hex, nullable: false),
                Prefix = table.Column<string>(maxLength: ApiTokenSecret.PrefixLength, nullable: false),
                CreatedById = table.Column<string>(maxLength: ColumnLengths.UserReference, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                RevokedAt = table.Column<DateTime>(nullable: true),
                RevokedById = table.Column<string>(maxLength: ColumnLengths.UserReference, nullable: true),
                LastUsedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiTokens", x => x.Id);
                table.ForeignKey("FK_ApiTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ApiTokens_Organisations_OrganisationId", x => x.OrganisationId, "Organisations", "Id",
                    onDelete: ReferentialAction.Cascade);
                table.CheckConstraint(ApiTokenConfiguration.OwnerCheckName, ApiTokenConfiguration.OwnerCheckSql);
            });

        migrationBuilder.CreateIndex("IX_ApiTokens_OrganisationId", "ApiTokens", "OrganisationId");
        migrationBuilder.CreateIndex("IX_ApiTokens_Prefix", "ApiTokens", "Prefix", unique: true);
        migrationBuilder.CreateIndex("IX_ApiTokens_UserId", "ApiTokens", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "ApiTokens");
}
