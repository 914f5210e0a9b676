using AiCtiPortal.Domain.Atlas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class AtlasTacticConfiguration : IEntityTypeConfiguration<AtlasTactic>
{
    public void Configure(EntityTypeBuilder<AtlasTactic> builder)
    {
        builder.ToTable("AtlasTactics");
        builder.HasKey(t => t.Id);

        // ATLAS assigns the ids; the database must not generate them.
        builder.Property(t => t.Id).HasMaxLength(ColumnLengths.AtlasId).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(ColumnLengths.Name).IsRequired();
        builder.Property(t => t.Description).IsRequired();
    }
}
