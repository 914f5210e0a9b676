using AiCtiPortal.Domain.Curation.Similarity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class SimilaritySignatureConfiguration : IEntityTypeConfiguration<SimilaritySignature>
{
    public void Configure(EntityTypeBuilder<SimilaritySignature> builder)
    {
        builder.ToTable("SimilaritySignatures");
        builder.HasKey(s => new { s.Kind, s.ItemId });
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(s => s.Source).HasMaxLength(SimilaritySignature.MaxSourceLength).IsRequired();
        builder.Property(s => s.Values).IsRequired();
    }
}

internal sealed class SimilarityBandConfiguration : IEntityTypeConfiguration<SimilarityBand>
{
    public void Configure(EntityTypeBuilder<SimilarityBand> builder)
    {
        builder.ToTable("SimilarityBands");

        // The key is the lookup: a check asks for the items under its band keys. Removing an item's rows recomputes
        // its keys from the stored signature, so no second index on ItemId is needed.
        builder.HasKey(b => new { b.BandKey, b.ItemId });
    }
}

internal sealed class IndicatorMergeConfiguration : IEntityTypeConfiguration<IndicatorMerge>
{
    public void Configure(EntityTypeBuilder<IndicatorMerge> builder)
    {
        builder.ToTable("IndicatorMerges");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.FindingKind).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(m => m.MergedType).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(m => m.MergedValue).HasMaxLength(ColumnLengths.IndicatorValue).IsRequired();
        builder.Property(m => m.SubmittedById).HasMaxLength(ColumnLengths.UserReference).IsRequired();
        builder.Property(m => m.MergedById).HasMaxLength(ColumnLengths.UserReference).IsRequired();

        // The survivor's detail page lists what was merged into it; a finding merges at most once.
        builder.HasIndex(m => m.SurvivorIndicatorId);
        builder.HasIndex(m => m.FindingId).IsUnique();
    }
}

internal sealed class SimilarityIndexStateConfiguration : IEntityTypeConfiguration<SimilarityIndexState>
{
    public void Configure(EntityTypeBuilder<SimilarityIndexState> builder)
    {
        builder.ToTable("SimilarityIndexState");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}
