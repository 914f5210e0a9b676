using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiCtiPortal.Domain.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    /// <summary>A token has exactly one owner: a user or an organisation. Shared with the migration.</summary>
    public const string OwnerCheckName = "CK_ApiTokens_Owner";
    public const string OwnerCheckSql = "(\"UserId\" IS NULL) <> (\"OrganisationId\" IS NULL)";

    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens", table => table.HasCheckConstraint(OwnerCheckName, OwnerCheckSql));
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(ApiToken.MaxNameLength).IsRequired();
        builder.Property(t => t.Prefix).HasMaxLength(ApiTokenSecret.PrefixLength).IsRequired();
        builder.Property(t => t.SecretHash).HasMaxLength(ColumnLengths.Sha256Hex).IsRequired();
        builder.Property(t => t.Scopes).HasConversion<int>();

        // Not foreign keys, like audit actors: a curator who created or revoked a token may later leave.
        builder.Property(t => t.CreatedById).HasMaxLength(ColumnLengths.UserReference).IsRequired();
        builder.Property(t => t.RevokedById).HasMaxLength(ColumnLengths.UserReference);

        // The prefix is how a presented token finds its row, once per API request.
        builder.HasIndex(t => t.Prefix).IsUnique();

        // A token is worthless without its owner, so it goes with the account or the organisation.
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
