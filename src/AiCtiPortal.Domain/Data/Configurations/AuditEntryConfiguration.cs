using AiCtiPortal.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.EntityType).HasMaxLength(ColumnLengths.AuditName).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(ColumnLengths.AuditEntityId).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(ColumnLengths.AuditName).IsRequired();

        // Not a foreign key: the trail must outlive the accounts it names.
        builder.Property(a => a.ActorId).HasMaxLength(ColumnLengths.UserReference).IsRequired();

        // Before/after states stay unbounded on purpose.
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        builder.HasIndex(a => a.At);
    }
}
