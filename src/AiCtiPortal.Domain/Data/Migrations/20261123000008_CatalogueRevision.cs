using AiCtiPortal.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// The catalogue revision counter and the triggers that raise it (see <see cref="CatalogueRevisionSchema"/>): the
/// in-memory catalogue columns are rebuilt when, and only when, published content changed.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000008_CatalogueRevision")]
public sealed class CatalogueRevision : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in migrationBuilder.IsSqlite() ? CatalogueRevisionSchema.SqliteUp : CatalogueRevisionSchema.PostgresUp)
        {
            migrationBuilder.Sql(statement);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in migrationBuilder.IsSqlite() ? CatalogueRevisionSchema.SqliteDown : CatalogueRevisionSchema.PostgresDown)
        {
            migrationBuilder.Sql(statement);
        }
    }
}
