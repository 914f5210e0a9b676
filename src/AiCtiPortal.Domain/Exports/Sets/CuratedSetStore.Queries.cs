using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Sets;

public sealed partial class CuratedSetStore
{
    /// <summary>
    /// Every set, archived ones last, with its readers and how many published indicators and reports it holds at its
    /// own ceiling now (two counting queries per set: a curator's page of tens of sets, not a hot path).
    /// </summary>
    public async Task<IReadOnlyList<CuratedSetSummary>> ListAsync(string actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await EnsureCuratorAsync(db, actorId, ct);
        var sets = await db.CuratedSets.AsNoTracking()
            .Include(s => s.Readers).ThenInclude(r => r.Organisation)
            .OrderBy(s => s.IsArchived).ThenBy(s => s.Name)
            .AsSplitQuery()
            .ToListAsync(ct);
        var summaries = new List<CuratedSetSummary>(sets.Count);
        foreach (var set in sets)
        {
            var scope = new CuratedSetScope(set, set.TlpCeiling, null, await CuratedSetQueries.ExpandTechniquesAsync(db, set.TechniqueIds, ct));
            var indicators = await CuratedSetQueries.Indicators(db, scope).CountAsync(ct);
            var reports = await CuratedSetQueries.Reports(db, scope).CountAsync(ct);
            var readers = set.Readers.Select(r => r.Organisation?.Name ?? "").Order(StringComparer.CurrentCultureIgnoreCase).ToList();
            summaries.Add(new CuratedSetSummary(
                set.Id, set.Name, set.Description, set.TlpCeiling, set.IsArchived, set.UpdatedAt, readers, indicators, reports, set.ConcurrencyStamp));
        }

        return summaries;
    }

    public async Task<EditableCuratedSet> OpenAsync(Guid setId, string actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await EnsureCuratorAsync(db, actorId, ct);
        var set = await db.CuratedSets.AsNoTracking().Include(s => s.Readers).SingleOrDefaultAsync(s => s.Id == setId, ct)
            ?? throw new WorkflowRuleException("This curated set does not exist (it may have been deleted).");
        return new EditableCuratedSet(set.Id, CuratedSetDraft.Of(set), set.ConcurrencyStamp, set.IsArchived, set.UpdatedAt);
    }

    /// <summary>
    /// The sets a consumer may read, by name. An organisation reads the live sets shared with it, at most at its own
    /// clearance; a user reads as <see cref="ReadableByAsync(string, CancellationToken)"/> says. Either way no
    /// ceiling is above the consumer's cap.
    /// </summary>
    public async Task<IReadOnlyList<ReadableCuratedSet>> ReadableByAsync(CuratedSetConsumer consumer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        if (consumer.OrganisationId is not { } organisationId)
        {
            return consumer.UserId is { } userId
                ? (await ReadableByAsync(userId, ct))
                    .Select(s => s with { Via = s.Via.Select(o => o with { Ceiling = Lowest(o.Ceiling, consumer.Clearance) }).ToList() })
                    .ToList()
                : [];
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == organisationId)
            .Select(o => new { o.Name, o.Clearance })
            .SingleOrDefaultAsync(ct);
        if (organisation is null)
        {
            return [];
        }

        var rows = await db.CuratedSets.AsNoTracking()
            .Where(s => !s.IsArchived && s.Readers.Any(r => r.OrganisationId == organisationId))
            .OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Description, s.TlpCeiling, s.UpdatedAt })
            .ToListAsync(ct);
        return rows.Select(s => new ReadableCuratedSet(
                s.Id, s.Name, s.Description, s.TlpCeiling, s.UpdatedAt,
                [new ReadingOrganisation(organisationId, organisation.Name, Lowest(s.TlpCeiling, organisation.Clearance, consumer.Clearance))]))
            .ToList();
    }

    /// <summary>
    /// The sets a user may read, by name: those shared with one of the user's organisations, each with the ceiling
    /// reading through that organisation gives (min of the set's ceiling, the organisation's clearance and the user's
    /// own); curators read every set. Archived sets are never listed.
    /// </summary>
    public async Task<IReadOnlyList<ReadableCuratedSet>> ReadableByAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var isCurator = await ReportWorkflow.IsInRoleAsync(db, userId, PortalRoles.Curator, ct);
        var userClearance = await Clearance.OfUserAsync(db, userId, ct);
        var memberships = await db.OrganisationMemberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => new { m.OrganisationId, m.Organisation!.Name, m.Organisation.Clearance })
            .ToListAsync(ct);
        var organisationIds = memberships.Select(m => m.OrganisationId).ToList();

        var sets = db.CuratedSets.AsNoTracking().Where(s => !s.IsArchived);
        if (!isCurator)
        {
            sets = sets.Where(s => s.Readers.Any(r => organisationIds.Contains(r.OrganisationId)));
        }

        var rows = await sets.OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Description, s.TlpCeiling, s.UpdatedAt, Readers = s.Readers.Select(r => r.OrganisationId).ToList() })
            .ToListAsync(ct);
        return rows.Select(s => new ReadableCuratedSet(
                s.Id, s.Name, s.Description, s.TlpCeiling, s.UpdatedAt,
                memberships.Where(m => s.Readers.Contains(m.OrganisationId))
                    .OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)
                    .Select(m => new ReadingOrganisation(m.OrganisationId, m.Name, Lowest(s.TlpCeiling, m.Clearance, userClearance)))
                    .ToList()))
            .ToList();
    }

    private static Tlp Lowest(params Tlp[] levels) => levels.Min();
}
