using AiCtiPortal.Domain.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

/// <summary>The catalogue's hot-path indexes on indicators (migration 20261123000007_CatalogueSearch).</summary>
internal sealed class IndicatorCatalogueConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        // Newest published indicators first, ties by id.
        builder.HasIndex(i => new { i.Status, i.UpdatedAt, i.Id }).HasDatabaseName("IX_Indicators_Catalogue_Newest");

        // One type, newest first; with Tlp and CreatedById inside, the type and TLP counts are an index-only scan.
        builder.HasIndex(i => new { i.Status, i.Type, i.UpdatedAt, i.Id, i.Tlp, i.CreatedById })
            .HasDatabaseName("IX_Indicators_Catalogue_Type");
    }
}
