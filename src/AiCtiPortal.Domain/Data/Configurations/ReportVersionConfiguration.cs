using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class ReportVersionConfiguration : IEntityTypeConfiguration<ReportVersion>
{
    public void Configure(EntityTypeBuilder<ReportVersion> builder)
    {
        builder.ToTable("ReportVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.SnapshotJson).IsRequired();
        builder.Property(v => v.ChangeNote).HasMaxLength(ColumnLengths.Description);
        builder.HasIndex(v => new { v.ReportId, v.Number }).IsUnique();

        builder.HasOne<PortalUser>()
            .WithMany()
            .HasForeignKey(v => v.AuthorId)
            .IsRequired()
            .OnDelete(DeleteBehavior.Restrict);
    }
}
