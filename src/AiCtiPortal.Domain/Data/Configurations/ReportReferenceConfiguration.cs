using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class ReportReferenceConfiguration : IEntityTypeConfiguration<ReportReference>
{
    public void Configure(EntityTypeBuilder<ReportReference> builder)
    {
        builder.ToTable("ReportReferences");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Url).HasMaxLength(ColumnLengths.Url).IsRequired();
        builder.Property(r => r.Title).HasMaxLength(ColumnLengths.Title);
    }
}
