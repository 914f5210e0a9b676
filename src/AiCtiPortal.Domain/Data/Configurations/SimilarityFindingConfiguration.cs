using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class SimilarityFindingConfiguration : IEntityTypeConfiguration<SimilarityFinding>
{
    public void Configure(EntityTypeBuilder<SimilarityFinding> builder)
    {
        builder.ToTable("SimilarityFindings");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(f => f.Explanation).HasMaxLength(SimilarityFinding.MaxExplanationLength).IsRequired();
        builder.Property(f => f.PairKey).HasMaxLength(ColumnLengths.Sha256Hex).IsRequired();
        builder.Property(f => f.DecidedById).HasMaxLength(ColumnLengths.UserReference);
        builder.Property(f => f.DecisionReason).HasMaxLength(SimilarityFinding.MaxReasonLength);

        // Findings are about the submission and go with it. The other side is deliberately not a foreign key: a
        // decided finding keeps its record even after the item it pointed at is merged away or deleted.
        builder.HasOne<ThreatReport>().WithMany().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);

        // One finding per pair and version: the job's replace can never leave two, whatever runs concurrently.
        builder.HasIndex(f => new { f.ReportId, f.ReportVersion, f.PairKey }).IsUnique();

        // The review queue counts Open findings per report.
        builder.HasIndex(f => new { f.Status, f.ReportId });
    }
}
