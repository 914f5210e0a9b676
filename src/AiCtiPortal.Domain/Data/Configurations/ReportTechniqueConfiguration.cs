using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class ReportTechniqueConfiguration : IEntityTypeConfiguration<ReportTechnique>
{
    public void Configure(EntityTypeBuilder<ReportTechnique> builder)
    {
        builder.ToTable("ReportTechniques");
        builder.HasKey(t => new { t.ReportId, t.TechniqueId });
        builder.Property(t => t.TechniqueId).HasMaxLength(ColumnLengths.AtlasId);

        // "Which reports use AML.T0010?" is the ATLAS page's question; the key only serves the report side.
        builder.HasIndex(t => t.TechniqueId);
    }
}
