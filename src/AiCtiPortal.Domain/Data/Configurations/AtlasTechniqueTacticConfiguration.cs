using AiCtiPortal.Domain.Atlas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class AtlasTechniqueTacticConfiguration : IEntityTypeConfiguration<AtlasTechniqueTactic>
{
    public void Configure(EntityTypeBuilder<AtlasTechniqueTactic> builder)
    {
        builder.ToTable("AtlasTechniqueTactics");
        builder.HasKey(x => new { x.TechniqueId, x.TacticId });
        builder.Property(x => x.TechniqueId).HasMaxLength(ColumnLengths.AtlasId);
        builder.Property(x => x.TacticId).HasMaxLength(ColumnLengths.AtlasId);
        builder.HasOne<AtlasTactic>().WithMany().HasForeignKey(x => x.TacticId).OnDelete(DeleteBehavior.Cascade);
    }
}
