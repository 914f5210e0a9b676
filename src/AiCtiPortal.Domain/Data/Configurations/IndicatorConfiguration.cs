using AiCtiPortal.Domain.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.ToTable("Indicators");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Type).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(i => i.Value).HasMaxLength(ColumnLengths.IndicatorValue).IsRequired();
        builder.Property(i => i.NormalizedValue).HasMaxLength(ColumnLengths.IndicatorValue).IsRequired();
        builder.Property(i => i.ValueHash).HasMaxLength(ColumnLengths.Sha256Hex).IsRequired();
        builder.Property(i => i.Description).HasMaxLength(ColumnLengths.Description);
        builder.Property(i => i.Phases).HasConversion<int>();
        builder.Property(i => i.Tlp).HasConversion<int>();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(i => i.ConcurrencyStamp).IsConcurrencyToken();

        builder.HasOne(i => i.CreatedBy)
            .WithMany()
            .HasForeignKey(i => i.CreatedById)
            .IsRequired()
            .OnDelete(DeleteBehavior.Restrict);

        // Not unique: a merged duplicate keeps its row for provenance, and two drafts may name the same value.
        builder.HasIndex(i => new { i.Type, i.ValueHash });
        builder.HasIndex(i => i.Status);
        builder.HasIndex(i => i.Tlp);
    }
}
