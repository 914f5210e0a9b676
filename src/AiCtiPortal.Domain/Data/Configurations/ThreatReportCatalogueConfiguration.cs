using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

/// <summary>
/// The catalogue's hot-path indexes on reports (migration 20261123000007_CatalogueSearch), kept apart from the
/// entity's own configuration because they serve one feature.
/// </summary>
internal sealed class ThreatReportCatalogueConfiguration : IEntityTypeConfiguration<ThreatReport>
{
    public void Configure(EntityTypeBuilder<ThreatReport> builder)
    {
        // Newest published first, ties by id: the default catalogue page walks this index and stops after one page.
        builder.HasIndex(r => new { r.Status, r.PublishedAt, r.Id }).HasDatabaseName("IX_Reports_Catalogue_Newest");

        // Covers every column the facet counts read, so counting scans the index instead of rows holding Markdown.
        builder.HasIndex(r => new
        {
            r.Status, r.Tlp, r.Phases, r.Confidence, r.PublishedAt, r.CatalogueScore, r.IndicatorTypeMask, r.AuthorId, r.Id,
        }).HasDatabaseName("IX_Reports_Catalogue_Facets");

        // The review queue: in review, oldest submission first, ties by id; it also holds what the queue filters by
        // (clearance, not one's own, a proposal's target), so counting the queue never reads a row (migration 0017).
        builder.HasIndex(r => new { r.Status, r.SubmittedAt, r.Id, r.Tlp, r.AuthorId, r.ProposalForId })
            .HasDatabaseName("IX_Reports_ReviewQueue");
    }
}
