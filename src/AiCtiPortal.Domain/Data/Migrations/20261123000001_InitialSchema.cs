using AiCtiPortal.Domain.Data.Configurations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace AiCtiPortal.Domain.Data.Migrations;

/// <summary>
/// Identity (schema version 1) and the portal's v1 tables. Written by hand (see
/// docs/decisions/0003-hand-written-migrations.md): column types are left to each provider's mapping of the CLR type
/// and length, so one migration serves SQLite and PostgreSQL; MigrationSchemaTests proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000001_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        CreateIdentityTables(migrationBuilder);
        CreateOrganisationTables(migrationBuilder);
        CreateAtlasTables(migrationBuilder);
        CreateReportTables(migrationBuilder);
        CreateIndicatorTables(migrationBuilder);
        CreateJobTables(migrationBuilder);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        string[] tables =
        [
            "JobRuns", "ReportIndicators", "Indicators", "ReportVersions", "ReportTechniques", "ReportReferences",
            "Reports", "AtlasTechniqueTactics", "AtlasTechniques", "AtlasTactics", "AtlasReleases",
            "OrganisationMemberships", "Organisations", "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins",
            "AspNetUserRoles", "AspNetUserTokens", "AspNetRoles", "AspNetUsers",
        ];
        foreach (var table in tables)
        {
            migrationBuilder.DropTable(name: table);
        }
    }

    private static void CreateIdentityTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                Name = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AspNetRoles", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<string>(nullable: false),
                DisplayName = table.Column<string>(maxLength: ColumnLengths.Name, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AspNetUsers", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = IdentityColumn(table),
                RoleId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = IdentityColumn(table),
                UserId = table.Column<string>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(nullable: false),
                ProviderKey = table.Column<string>(nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                RoleId = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                LoginProvider = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        migrationBuilder.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        migrationBuilder.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        migrationBuilder.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
    }

    private static void CreateOrganisationTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Organisations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: ColumnLengths.Name, nullable: false),
                Description = table.Column<string>(maxLength: ColumnLengths.Description, nullable: true),
                Clearance = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Organisations", x => x.Id));

        migrationBuilder.CreateTable(
            name: "OrganisationMemberships",
            columns: table => new
            {
                OrganisationId = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                JoinedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OrganisationMemberships", x => new { x.OrganisationId, x.UserId });
                table.ForeignKey("FK_OrganisationMemberships_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_OrganisationMemberships_Organisations_OrganisationId", x => x.OrganisationId,
                    "Organisations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Organisations_Name", "Organisations", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_OrganisationMemberships_UserId", "OrganisationMemberships", "UserId");
    }

    private static void CreateAtlasTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AtlasReleases",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Version = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                Source = table.Column<string>(maxLength: ColumnLengths.Url, nullable: false),
                ImportedAt = table.Column<DateTime>(nullable: false),
                TacticCount = table.Column<int>(nullable: false),
                TechniqueCount = table.Column<int>(nullable: false),
                MitigationCount = table.Column<int>(nullable: false),
                CaseStudyCount = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AtlasReleases", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AtlasTactics",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: ColumnLengths.AtlasId, nullable: false),
                Name = table.Column<string>(maxLength: ColumnLengths.Name, nullable: false),
                Description = table.Column<string>(nullable: false),
                Order = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AtlasTactics", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AtlasTechniques",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: ColumnLengths.AtlasId, nullable: false),
                Name = table.Column<string>(maxLength: ColumnLengths.Name, nullable: false),
                Description = table.Column<string>(nullable: false),
                ParentId = table.Column<string>(maxLength: ColumnLengths.AtlasId, nullable: true),
                Maturity = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AtlasTechniques", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AtlasTechniqueTactics",
            columns: table => new
            {
                TechniqueId = table.Column<string>(maxLength: ColumnLengths.AtlasId, nullable: false),
                TacticId = table.Column<string>(maxLength: ColumnLengths.AtlasId, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AtlasTechniqueTactics", x => new { x.TechniqueId, x.TacticId });
                table.ForeignKey("FK_AtlasTechniqueTactics_AtlasTactics_TacticId", x => x.TacticId, "AtlasTactics", "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AtlasTechniqueTactics_AtlasTechniques_TechniqueId", x => x.TechniqueId,
                    "AtlasTechniques", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_AtlasReleases_ImportedAt", "AtlasReleases", "ImportedAt");
        migrationBuilder.CreateIndex("IX_AtlasTechniques_ParentId", "AtlasTechniques", "ParentId");
        migrationBuilder.CreateIndex("IX_AtlasTechniqueTactics_TacticId", "AtlasTechniqueTactics", "TacticId");
    }

    private static void CreateReportTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Reports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Title = table.Column<string>(maxLength: ColumnLengths.Title, nullable: false),
                Summary = table.Column<string>(maxLength: ColumnLengths.Summary, nullable: false),
                BodyMarkdown = table.Column<string>(maxLength: ColumnLengths.Body, nullable: false),
                Phases = table.Column<int>(nullable: false),
                Tlp = table.Column<int>(nullable: false),
                Confidence = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                AuthorId = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                SubmittedAt = table.Column<DateTime>(nullable: true),
                PublishedAt = table.Column<DateTime>(nullable: true),
                Version = table.Column<int>(nullable: false),
                ConcurrencyStamp = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Reports", x => x.Id);
                table.ForeignKey("FK_Reports_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ReportReferences",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReportId = table.Column<Guid>(nullable: false),
                Url = table.Column<string>(maxLength: ColumnLengths.Url, nullable: false),
                Title = table.Column<string>(maxLength: ColumnLengths.Title, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReportReferences", x => x.Id);
                table.ForeignKey("FK_ReportReferences_Reports_ReportId", x => x.ReportId, "Reports", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ReportTechniques",
            columns: table => new
            {
                ReportId = table.Column<Guid>(nullable: false),
                TechniqueId = table.Column<string>(maxLength: ColumnLengths.AtlasId, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReportTechniques", x => new { x.ReportId, x.TechniqueId });
                table.ForeignKey("FK_ReportTechniques_Reports_ReportId", x => x.ReportId, "Reports", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ReportVersions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ReportId = table.Column<Guid>(nullable: false),
                Number = table.Column<int>(nullable: false),
                SnapshotJson = table.Column<string>(nullable: false),
                ChangeNote = table.Column<string>(maxLength: ColumnLengths.Description, nullable: true),
                AuthorId = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReportVersions", x => x.Id);
                table.ForeignKey("FK_ReportVersions_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ReportVersions_Reports_ReportId", x => x.ReportId, "Reports", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Reports_AuthorId", "Reports", "AuthorId");
        migrationBuilder.CreateIndex("IX_Reports_PublishedAt", "Reports", "PublishedAt");
        migrationBuilder.CreateIndex("IX_Reports_Status", "Reports", "Status");
        migrationBuilder.CreateIndex("IX_Reports_Tlp", "Reports", "Tlp");
        migrationBuilder.CreateIndex("IX_ReportReferences_ReportId", "ReportReferences", "ReportId");
        migrationBuilder.CreateIndex("IX_ReportTechniques_TechniqueId", "ReportTechniques", "TechniqueId");
        migrationBuilder.CreateIndex("IX_ReportVersions_AuthorId", "ReportVersions", "AuthorId");
        migrationBuilder.CreateIndex("IX_ReportVersions_ReportId_Number", "ReportVersions", ["ReportId", "Number"], unique: true);
    }

    private static void CreateIndicatorTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Indicators",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Type = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                Value = table.Column<string>(maxLength: ColumnLengths.IndicatorValue, nullable: false),
                NormalizedValue = table.Column<string>(maxLength: ColumnLengths.IndicatorValue, nullable: false),
                ValueHash = table.Column<string>(maxLength: ColumnLengths.Sha256Hex, nullable: false),
                Description = table.Column<string>(maxLength: ColumnLengths.Description, nullable: true),
                Phases = table.Column<int>(nullable: false),
                Tlp = table.Column<int>(nullable: false),
                Confidence = table.Column<int>(nullable: false),
                Status = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                CreatedById = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                FirstSeen = table.Column<DateTime>(nullable: true),
                LastSeen = table.Column<DateTime>(nullable: true),
                ValidUntil = table.Column<DateTime>(nullable: true),
                SightingCount = table.Column<int>(nullable: false),
                ConcurrencyStamp = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Indicators", x => x.Id);
                table.ForeignKey("FK_Indicators_AspNetUsers_CreatedById", x => x.CreatedById, "AspNetUsers", "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ReportIndicators",
            columns: table => new
            {
                ReportId = table.Column<Guid>(nullable: false),
                IndicatorId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReportIndicators", x => new { x.ReportId, x.IndicatorId });
                table.ForeignKey("FK_ReportIndicators_Indicators_IndicatorId", x => x.IndicatorId, "Indicators", "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ReportIndicators_Reports_ReportId", x => x.ReportId, "Reports", "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Indicators_CreatedById", "Indicators", "CreatedById");
        migrationBuilder.CreateIndex("IX_Indicators_Status", "Indicators", "Status");
        migrationBuilder.CreateIndex("IX_Indicators_Tlp", "Indicators", "Tlp");
        migrationBuilder.CreateIndex("IX_Indicators_Type_ValueHash", "Indicators", ["Type", "ValueHash"]);
        migrationBuilder.CreateIndex("IX_ReportIndicators_IndicatorId", "ReportIndicators", "IndicatorId");
    }

    private static void CreateJobTables(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "JobRuns",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                JobName = table.Column<string>(maxLength: ColumnLengths.JobName, nullable: false),
                RequestedBy = table.Column<string>(maxLength: ColumnLengths.UserReference, nullable: false),
                Status = table.Column<string>(maxLength: ColumnLengths.EnumName, nullable: false),
                Progress = table.Column<int>(nullable: false),
                Message = table.Column<string>(maxLength: ColumnLengths.Description, nullable: true),
                Error = table.Column<string>(nullable: true),
                ParametersJson = table.Column<string>(nullable: true),
                QueuedAt = table.Column<DateTime>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: true),
                FinishedAt = table.Column<DateTime>(nullable: true),
                Attempt = table.Column<int>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_JobRuns", x => x.Id));

        migrationBuilder.CreateIndex("IX_JobRuns_JobName_QueuedAt", "JobRuns", ["JobName", "QueuedAt"]);
    }

    /// <summary>An auto-increment int key, spelled for both providers (each ignores the other's annotation).</summary>
    private static OperationBuilder<AddColumnOperation> IdentityColumn(ColumnsBuilder table) =>
        table.Column<int>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
