using AiCtiPortal.Domain.Exports.Sets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class CuratedSetReaderConfiguration : IEntityTypeConfiguration<CuratedSetReader>
{
    public void Configure(EntityTypeBuilder<CuratedSetReader> builder)
    {
        builder.ToTable("CuratedSetReaders");
        builder.HasKey(r => new { r.SetId, r.OrganisationId });

        // A deleted organisation loses its grants; the key only serves "who reads this set", the index "what may this
        // organisation read".
        builder.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.OrganisationId);
    }
}
