using AiCtiPortal.Domain.Atlas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class AtlasReleaseConfiguration : IEntityTypeConfiguration<AtlasRelease>
{
    public void Configure(EntityTypeBuilder<AtlasRelease> builder)
    {
        builder.ToTable("AtlasReleases");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Version).HasMaxLength(ColumnLengths.EnumName).IsRequired();
        builder.Property(r => r.Source).HasMaxLength(ColumnLengths.Url).IsRequired();

        // "The release in use" is the latest import.
        builder.HasIndex(r => r.ImportedAt);
    }
}
