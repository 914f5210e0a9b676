using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

/// <summary>
/// The quality columns of reports and indicators (migration 20261123000015_QualityScores), kept apart from the
/// entities' own configuration because they serve one feature. Deliberately not in the catalogue revision triggers
/// (migration 0008): a re-score changes nothing the catalogue snapshot reads.
/// </summary>
internal sealed class ReportQualityScoreConfiguration : IEntityTypeConfiguration<ThreatReport>
{
    public void Configure(EntityTypeBuilder<ThreatReport> builder) =>
        builder.Property(r => r.QualityScore).IsRequired(false);
}

internal sealed class IndicatorQualityScoreConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.Property(i => i.QualityScore).IsRequired(false);
        builder.Property(i => i.SubmittedConfidence).IsRequired(false);
        builder.Property(i => i.DecayedConfidence).IsRequired(false);
    }
}
