using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

/// <summary>
/// The export order of reports (migration 20261123000014_ExportKeysetIndexes): curated-set exports and TAXII pages
/// read published reports by (UpdatedAt, Id), so with Status first both databases walk this index from the cursor
/// and stop after a page instead of sorting every published report. Indicators already have the same shape in
/// IX_Indicators_Catalogue_Newest.
/// </summary>
internal sealed class ThreatReportExportConfiguration : IEntityTypeConfiguration<ThreatReport>
{
    public const string KeysetIndex = "IX_Reports_Export_Keyset";

    public void Configure(EntityTypeBuilder<ThreatReport> builder) =>
        builder.HasIndex(r => new { r.Status, r.UpdatedAt, r.Id }).HasDatabaseName(KeysetIndex);
}
