using AiCtiPortal.Domain.Data.Configurations;
using AiCtiPortal.Domain.Discussions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Report discussions and in-app notifications. Written by hand like the others
/// (docs/decisions/0003-hand-written-migrations.md); MigrationSchemaTests proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000004_CommentsAndNotifications")]
public sealed class CommentsAndNotifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Comments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReportId = table.Column<Guid>(nullable: false),
                AuthorId = table.Column<string>(nullable: false),
                Body = table.Column<string>(maxLength: Comment.MaxBodyLength, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Comments", x => x.Id);
                table.ForeignKey("FK_Comments_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Comments_Reports_ReportId", x => x.ReportId, "Reports", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Comments_AuthorId", "Comments", "AuthorId");
        migrationBuilder.CreateIndex("IX_Comments_ReportId_CreatedAt", "Comments", ["ReportId", "CreatedAt"]);

        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                Kind = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                ReportId = table.Column<Guid>(nullable: false),
                Message = table.Column<string>(maxLength: Notification.MaxMessageLength, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ReadAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Notifications", x => x.Id);
                table.ForeignKey("FK_Notifications_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Notifications_Reports_ReportId", x => x.ReportId, "Reports", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Notifications_ReportId", "Notifications", "ReportId");
        migrationBuilder.CreateIndex("IX_Notifications_UserId_ReadAt_CreatedAt", "Notifications", ["UserId", "ReadAt", "CreatedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Notifications");
        migrationBuilder.DropTable(name: "Comments");
    }
}
