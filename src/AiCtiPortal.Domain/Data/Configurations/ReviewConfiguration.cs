using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.ToTable("Reviews");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Decision).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(r => r.Comment).HasMaxLength(ColumnLengths.Description);

        // One decision per reviewer per version, enforced by the database as well as the workflow.
        builder.HasIndex(r => new { r.ReportId, r.ReportVersion, r.ReviewerId }).IsUnique();
        builder.HasIndex(r => r.ReviewerId);

        builder.HasOne<ThreatReport>().WithMany().HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.ReviewerId).IsRequired().OnDelete(DeleteBehavior.Restrict);
    }
}
