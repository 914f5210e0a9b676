using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class ThreatReportConfiguration : IEntityTypeConfiguration<ThreatReport>
{
    public void Configure(EntityTypeBuilder<ThreatReport> builder)
    {
        builder.ToTable("Reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Title).HasMaxLength(ColumnLengths.Title).IsRequired();
        builder.Property(r => r.Summary).HasMaxLength(ColumnLengths.Summary).IsRequired();
        builder.Property(r => r.BodyMarkdown).HasMaxLength(ColumnLengths.Body).IsRequired();
        builder.Property(r => r.Phases).HasConversion<int>();
        builder.Property(r => r.Tlp).HasConversion<int>();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();

        // Deleting an account must not silently delete what the person wrote.
        builder.HasOne(r => r.Author)
            .WithMany()
            .HasForeignKey(r => r.AuthorId)
            .IsRequired()
            .OnDelete(DeleteBehavior.Restrict);

        // A published report with proposals against it cannot be deleted out from under them.
        builder.HasOne<ThreatReport>()
            .WithMany()
            .HasForeignKey(r => r.ProposalForId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(r => r.References).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Techniques).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Versions).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);

        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => r.Tlp);
        builder.HasIndex(r => r.PublishedAt);
        builder.HasIndex(r => r.AuthorId);
        builder.HasIndex(r => r.ProposalForId);
    }
}
