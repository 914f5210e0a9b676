using AiCtiPortal.Domain.Data.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Sightings;

internal sealed class SightingConfiguration : IEntityTypeConfiguration<Sighting>
{
    public void Configure(EntityTypeBuilder<Sighting> builder)
    {
        builder.ToTable("Sightings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Source).HasMaxLength(Sighting.MaxSourceLength);
        builder.Property(s => s.Note).HasMaxLength(Sighting.MaxNoteLength);
        builder.Property(s => s.ReporterKey).HasMaxLength(Sighting.ReporterKeyLength).IsRequired();
        builder.Property(s => s.ClientId).HasMaxLength(Sighting.MaxClientIdLength);

        // Sightings describe the indicator; they have no meaning once it is gone.
        builder.HasOne(s => s.Indicator).WithMany().HasForeignKey(s => s.IndicatorId).OnDelete(DeleteBehavior.Cascade);

        // The idempotency key. Rows without a client id never collide: both providers treat NULLs as distinct.
        builder.HasIndex(s => new { s.ReporterKey, s.ClientId }).IsUnique();
        builder.HasIndex(s => new { s.IndicatorId, s.SeenAt });
    }
}
