using AiCtiPortal.Domain.Artifacts;
using AiCtiPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class ScanPolicyVersionConfiguration : IEntityTypeConfiguration<ScanPolicyVersion>
{
    public void Configure(EntityTypeBuilder<ScanPolicyVersion> builder)
    {
        builder.ToTable("ScanPolicyVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Json).IsRequired();
        builder.Property(v => v.ChangeNote).HasMaxLength(ScanPolicyVersion.MaxChangeNoteLength);
        builder.HasIndex(v => v.Number).IsUnique();

        builder.HasOne<PortalUser>()
            .WithMany()
            .HasForeignKey(v => v.AuthorId)
            .IsRequired()
            .OnDelete(DeleteBehavior.Restrict);
    }
}
