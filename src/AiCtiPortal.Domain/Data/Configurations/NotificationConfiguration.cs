using AiCtiPortal.Domain.Discussions;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Kind).HasMaxLength(ColumnLengths.EnumName).IsRequired();
        builder.Property(n => n.Message).HasMaxLength(Notification.MaxMessageLength).IsRequired();

        // The bell counts a user's unread rows on every page; the list reads them newest first.
        builder.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });

        builder.HasOne<ThreatReport>().WithMany().HasForeignKey(n => n.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(n => n.UserId).IsRequired().OnDelete(DeleteBehavior.Cascade);
    }
}
