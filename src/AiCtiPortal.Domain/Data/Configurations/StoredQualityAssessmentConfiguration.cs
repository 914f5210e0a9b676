using AiCtiPortal.Domain.Curation.Quality.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

/// <summary>Migration 20261123000015_QualityScores.</summary>
internal sealed class StoredQualityAssessmentConfiguration : IEntityTypeConfiguration<StoredQualityAssessment>
{
    public void Configure(EntityTypeBuilder<StoredQualityAssessment> builder)
    {
        builder.ToTable("QualityAssessments");

        // Kind first: pages read one item (both columns), the orphan sweep one kind at a time.
        builder.HasKey(a => new { a.ItemKind, a.ItemId });
        builder.Property(a => a.ItemKind).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(a => a.Findings).IsRequired();
        builder.Property(a => a.RulesVersion).HasMaxLength(StoredQualityAssessment.MaxRulesVersionLength).IsRequired();
    }
}
