using AiCtiPortal.Domain.Artifacts;
using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Discussions;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Data;

public class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<OrganisationMembership> OrganisationMemberships => Set<OrganisationMembership>();

    public DbSet<ThreatReport> Reports => Set<ThreatReport>();

    public DbSet<ReportVersion> ReportVersions => Set<ReportVersion>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<ReportIndicator> ReportIndicators => Set<ReportIndicator>();

    public DbSet<AtlasTactic> AtlasTactics => Set<AtlasTactic>();

    public DbSet<AtlasTechnique> AtlasTechniques => Set<AtlasTechnique>();

    public DbSet<AtlasRelease> AtlasReleases => Set<AtlasRelease>();

    public DbSet<JobRun> JobRuns => Set<JobRun>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ScanPolicyVersion> ScanPolicyVersions => Set<ScanPolicyVersion>();

    public DbSet<Identity.ApiTokens.ApiToken> ApiTokens => Set<Identity.ApiTokens.ApiToken>();

    public DbSet<Exports.Sets.CuratedSet> CuratedSets => Set<Exports.Sets.CuratedSet>();

    public DbSet<Exports.Sets.CuratedSetReader> CuratedSetReaders => Set<Exports.Sets.CuratedSetReader>();

    public DbSet<Sightings.Sighting> Sightings => Set<Sightings.Sighting>();

    public DbSet<Exports.Runs.ExportRun> ExportRuns => Set<Exports.Runs.ExportRun>();

    public DbSet<Curation.Similarity.SimilarityFinding> SimilarityFindings => Set<Curation.Similarity.SimilarityFinding>();

    public DbSet<Curation.Similarity.SimilaritySignature> SimilaritySignatures => Set<Curation.Similarity.SimilaritySignature>();

    public DbSet<Curation.Similarity.SimilarityBand> SimilarityBands => Set<Curation.Similarity.SimilarityBand>();

    public DbSet<Curation.Similarity.IndicatorMerge> IndicatorMerges => Set<Curation.Similarity.IndicatorMerge>();

    public DbSet<Curation.Similarity.SimilarityIndexState> SimilarityIndexStates => Set<Curation.Similarity.SimilarityIndexState>();

    public DbSet<Curation.Quality.Storage.StoredQualityAssessment> QualityAssessments => Set<Curation.Quality.Storage.StoredQualityAssessment>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        EnsureIdentitySchemaVersionMatchesMigrations();
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite stores DateTime as text and hands it back with Kind=Unspecified; every timestamp here is UTC,
        // so say so on the way out (PostgreSQL's timestamptz already returns Kind=Utc).
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RenewConcurrencyStamps();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RenewConcurrencyStamps();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A new stamp on every update makes the UPDATE's WHERE clause carry the stamp that was read, so the second of
    /// two conflicting saves matches no row and fails with DbUpdateConcurrencyException on SQLite and PostgreSQL alike.
    /// </summary>
    private void RenewConcurrencyStamps()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }

            switch (entry.Entity)
            {
                case ThreatReport report:
                    report.ConcurrencyStamp = Guid.NewGuid();
                    break;
                case Indicator indicator:
                    indicator.ConcurrencyStamp = Guid.NewGuid();
                    break;
            }
        }
    }

    /// <summary>
    /// Identity shapes its tables from the host's IdentityOptions.Stores.SchemaVersion. The checked-in migrations
    /// create schema version 1, so a host that asks for another version would run against tables that do not
    /// match; fail early with the fix instead.
    /// </summary>
    private void EnsureIdentitySchemaVersionMatchesMigrations()
    {
        var requested = this.GetService<IDbContextOptions>()
            .FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?
            .GetService<IOptions<IdentityOptions>>()?.Value.Stores.SchemaVersion;
        if (requested is not null && requested >= IdentitySchemaVersions.Version2)
        {
            throw new InvalidOperationException(
                $"IdentityOptions.Stores.SchemaVersion is {requested}, but the portal's migrations create Identity " +
                "schema version 1. Leave SchemaVersion at its default, or add a migration for the new Identity tables " +
                "and change this check (docs/decisions/0003-hand-written-migrations.md).");
        }
    }
}
