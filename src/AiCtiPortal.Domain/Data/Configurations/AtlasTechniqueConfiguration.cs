using AiCtiPortal.Domain.Atlas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class AtlasTechniqueConfiguration : IEntityTypeConfiguration<AtlasTechnique>
{
    public void Configure(EntityTypeBuilder<AtlasTechnique> builder)
    {
        builder.ToTable("AtlasTechniques");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(ColumnLengths.AtlasId).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(ColumnLengths.Name).IsRequired();
        builder.Property(t => t.Description).IsRequired();
        builder.Property(t => t.Maturity).HasMaxLength(ColumnLengths.EnumName);

        // ParentId is deliberately not a foreign key, like ReportTechnique.TechniqueId: a release may list a
        // sub-technique whose parent it deprecates, and the import must still succeed. Indexed for the tree view.
        builder.Property(t => t.ParentId).HasMaxLength(ColumnLengths.AtlasId);
        builder.HasIndex(t => t.ParentId);

        builder.HasMany(t => t.Tactics).WithOne().HasForeignKey(x => x.TechniqueId).OnDelete(DeleteBehavior.Cascade);
    }
}
