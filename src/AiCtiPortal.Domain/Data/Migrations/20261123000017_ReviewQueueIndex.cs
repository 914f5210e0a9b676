using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Widens the review queue's index to cover the columns its filter reads. Counting 3,000 reports in review on
/// PostgreSQL fetched each row (5.7 ms); an index-only scan reads the index alone. Written by hand like the others
/// (docs/decisions/0003-hand-written-migrations.md); MigrationSchemaTests proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000017_ReviewQueueIndex")]
public sealed class ReviewQueueIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Reports_ReviewQueue", "Reports");
        migrationBuilder.CreateIndex("IX_Reports_ReviewQueue", "Reports", ["Status", "SubmittedAt", "Id", "Tlp", "AuthorId", "ProposalForId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Reports_ReviewQueue", "Reports");
        migrationBuilder.CreateIndex("IX_Reports_ReviewQueue", "Reports", ["Status", "SubmittedAt", "Id"]);
    }
}
