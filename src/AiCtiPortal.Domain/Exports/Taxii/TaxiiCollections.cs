using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Taxii;

/// <summary>A curated set as a TAXII collection.</summary>
public sealed record TaxiiCollection(Guid Id, string Title, string? Description);

/// <summary>
/// Which curated sets a TAXII reader sees as collections, and the scope each is read with. An organisation reads the
/// live sets shared with it; a user reads those shared with one of their organisations (through the one giving the
/// highest ceiling), and a curator every live set. Every scope is also capped at the token's clearance. A set the
/// reader may not read is indistinguishable from one that does not exist (null), so its existence is not revealed.
/// </summary>
public sealed class TaxiiCollections(IDbContextFactory<PortalDbContext> contexts, CuratedSetResolver resolver, CuratedSetStore store)
{
    public async Task<IReadOnlyList<TaxiiCollection>> ListAsync(CuratedSetConsumer reader, CancellationToken ct = default) =>
        (await store.ReadableByAsync(reader, ct)).Select(s => new TaxiiCollection(s.Id, s.Name, s.Description)).ToList();

    public async Task<TaxiiCollection?> FindAsync(CuratedSetConsumer reader, Guid setId, CancellationToken ct = default) =>
        (await ListAsync(reader, ct)).FirstOrDefault(c => c.Id == setId);

    /// <summary>The scope to read the set with, or null when this reader may not read it (or it does not exist).</summary>
    public async Task<CuratedSetScope?> ScopeAsync(CuratedSetConsumer reader, Guid setId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            if (reader.OrganisationId is { } organisationId)
            {
                return (await resolver.ForOrganisationAsync(setId, organisationId, ct)).LoweredTo(reader.Clearance);
            }

            if (reader.UserId is not { } userId)
            {
                return null;
            }

            var readable = (await store.ReadableByAsync(userId, ct)).FirstOrDefault(s => s.Id == setId);
            if (readable is null)
            {
                return null;
            }

            // A curator who also belongs to a reading organisation still reads the set itself, at its own ceiling.
            if (await IsCuratorAsync(userId, ct))
            {
                return (await resolver.ForCuratorAsync(setId, userId, ct)).LoweredTo(reader.Clearance);
            }

            var via = readable.Via.OrderByDescending(o => o.Ceiling).First();
            return (await resolver.ForMemberAsync(setId, via.Id, userId, ct)).LoweredTo(reader.Clearance);
        }
        catch (CuratedSetNotReadableException)
        {
            return null;
        }
    }

    private async Task<bool> IsCuratorAsync(string userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ReportWorkflow.IsInRoleAsync(db, userId, PortalRoles.Curator, ct);
    }
}
