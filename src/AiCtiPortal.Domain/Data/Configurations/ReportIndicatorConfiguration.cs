using AiCtiPortal.Domain.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class ReportIndicatorConfiguration : IEntityTypeConfiguration<ReportIndicator>
{
    public void Configure(EntityTypeBuilder<ReportIndicator> builder)
    {
        builder.ToTable("ReportIndicators");
        builder.HasKey(x => new { x.ReportId, x.IndicatorId });
        builder.HasOne(x => x.Report)
            .WithMany(r => r.Indicators)
            .HasForeignKey(x => x.ReportId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Indicator)
            .WithMany(i => i.Reports)
            .HasForeignKey(x => x.IndicatorId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
