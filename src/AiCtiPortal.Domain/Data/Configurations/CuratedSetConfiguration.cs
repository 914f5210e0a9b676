using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class CuratedSetConfiguration : IEntityTypeConfiguration<CuratedSet>
{
    /// <summary>Room for <see cref="CuratedSet.MaxTechniques"/> ATLAS ids and their separators.</summary>
    public const int TechniqueIdsLength = CuratedSet.MaxTechniques * (ColumnLengths.AtlasId + 1);

    /// <summary>Room for every indicator type's name and a separator.</summary>
    public const int IndicatorTypesLength = 2000;

    public void Configure(EntityTypeBuilder<CuratedSet> builder)
    {
        builder.ToTable("CuratedSets");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(ColumnLengths.Name).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(ColumnLengths.Description);
        builder.Property(s => s.Phases).HasConversion<int>();
        builder.Property(s => s.TlpCeiling).HasConversion<int>();
        builder.Property(s => s.CreatedById).HasMaxLength(ColumnLengths.UserReference).IsRequired();
        builder.Property(s => s.UpdatedById).HasMaxLength(ColumnLengths.UserReference).IsRequired();
        builder.Property(s => s.ConcurrencyStamp).IsConcurrencyToken();

        // The lists are criteria read whole when a set is resolved, never queried inside SQL, so one text column
        // each (comma-separated ids and type names) keeps the schema small and readable in a database browser.
        builder.Property(s => s.TechniqueIds)
            .HasConversion(
                ids => string.Join(',', ids),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                ListComparer<string>())
            .HasMaxLength(TechniqueIdsLength)
            .IsRequired();
        builder.Property(s => s.IndicatorTypes)
            .HasConversion(
                types => string.Join(',', types.Select(t => t.ToString())),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<IndicatorType>).ToList(),
                ListComparer<IndicatorType>())
            .HasMaxLength(IndicatorTypesLength)
            .IsRequired();

        builder.HasMany(s => s.Readers).WithOne(r => r.Set).HasForeignKey(r => r.SetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.Name).IsUnique();
    }

    private static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        list => list.ToList());
}
