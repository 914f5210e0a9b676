using AiCtiPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("Organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(ColumnLengths.Name).IsRequired();
        builder.Property(o => o.Description).HasMaxLength(ColumnLengths.Description);

        // An int, so "clearance >= item TLP" is a plain comparison in SQL.
        builder.Property(o => o.Clearance).HasConversion<int>();
        builder.HasIndex(o => o.Name).IsUnique();
    }
}
