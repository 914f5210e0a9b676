using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Sets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class ExportRunConfiguration : IEntityTypeConfiguration<ExportRun>
{
    public void Configure(EntityTypeBuilder<ExportRun> builder)
    {
        builder.ToTable("ExportRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Format).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(ColumnLengths.EnumName);
        builder.Property(r => r.Ceiling).HasConversion<int>();
        builder.Property(r => r.PackageFolder).HasMaxLength(ExportRun.MaxFolderLength);
        builder.Property(r => r.RequestedBy).HasMaxLength(ColumnLengths.UserReference).IsRequired();
        builder.Property(r => r.Message).HasMaxLength(ColumnLengths.Description);

        // The history goes with its set; a run outlives its JobRun row's purpose, so no FK there.
        builder.HasOne<CuratedSet>().WithMany().HasForeignKey(r => r.CuratedSetId).OnDelete(DeleteBehavior.Cascade);

        // "The previous successful run of this set and format" and each set's history, newest first.
        builder.HasIndex(r => new { r.CuratedSetId, r.Format, r.QueuedAt });
    }
}
