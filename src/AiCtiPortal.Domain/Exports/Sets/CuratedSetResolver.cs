using System.Runtime.CompilerServices;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>
/// Resolves a curated set into the published indicators and reports it contains, for one reader. First a scope is
/// taken (which checks the reader and fixes the ceiling), then items are streamed from the database in a stable order
/// (UpdatedAt, then Id) so a million rows never sit in memory and two runs over unchanged data agree row for row.
/// </summary>
public sealed partial class CuratedSetResolver(IDbContextFactory<PortalDbContext> contexts)
{
    /// <summary>
    /// The set as an organisation reads it (an organisation's API token, or its members' exports): refused unless the
    /// set is live and shared with the organisation; capped at min(set ceiling, organisation clearance).
    /// </summary>
    public async Task<CuratedSetScope> ForOrganisationAsync(Guid setId, Guid organisationId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var set = await db.CuratedSets.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == setId && !s.IsArchived && s.Readers.Any(r => r.OrganisationId == organisationId), ct);
        var clearance = await db.Organisations.Where(o => o.Id == organisationId).Select(o => (Tlp?)o.Clearance).SingleOrDefaultAsync(ct);
        if (set is null || clearance is not { } organisationClearance)
        {
            throw new CuratedSetNotReadableException();
        }

        return new CuratedSetScope(set, organisationClearance, organisationId, await CuratedSetQueries.ExpandTechniquesAsync(db, set.TechniqueIds, ct));
    }

    /// <summary>
    /// The set as a signed-in member reads it through one of their organisations; also capped at the user's own
    /// clearance, which is CLEAR for an account not yet given a role (decision 0005).
    /// </summary>
    public async Task<CuratedSetScope> ForMemberAsync(Guid setId, Guid organisationId, string userId, CancellationToken ct = default)
    {
        Tlp userClearance;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await db.OrganisationMemberships.AnyAsync(m => m.OrganisationId == organisationId && m.UserId == userId, ct))
            {
                throw new CuratedSetNotReadableException();
            }

            userClearance = await Clearance.OfUserAsync(db, userId, ct);
        }

        var scope = await ForOrganisationAsync(setId, organisationId, ct);
        return scope.LoweredTo(userClearance);
    }

    /// <summary>A curator reads any set, archived ones included, at the set's own ceiling (previews and counts).</summary>
    public async Task<CuratedSetScope> ForCuratorAsync(Guid setId, string curatorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await ReportWorkflow.IsInRoleAsync(db, curatorId, PortalRoles.Curator, ct))
        {
            throw new CuratedSetNotReadableException();
        }

        var set = await db.CuratedSets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == setId, ct)
            ?? throw new CuratedSetNotReadableException();
        return new CuratedSetScope(set, set.TlpCeiling, null, await CuratedSetQueries.ExpandTechniquesAsync(db, set.TechniqueIds, ct));
    }

    public async Task<CuratedSetCounts> CountAsync(CuratedSetScope scope, DateTime? changedSince = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return new CuratedSetCounts(
            await Since(CuratedSetQueries.Indicators(db, scope), changedSince).CountAsync(ct),
            await Since(CuratedSetQueries.Reports(db, scope), changedSince).CountAsync(ct));
    }

    /// <summary>
    /// The set's indicators, oldest change first (UpdatedAt, then Id); with <paramref name="changedSince"/>, only
    /// those changed after it (an incremental export). One query, streamed row by row.
    /// </summary>
    public async IAsyncEnumerable<IndicatorExport> IndicatorsAsync(
        CuratedSetScope scope, DateTime? changedSince = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = Since(CuratedSetQueries.Indicators(db, scope), changedSince)
            .Where(i => i.UpdatedAt >= CuratedSetQueries.Earliest)
            .OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id)
            .Select(i => new IndicatorExport(
                i.Id, i.Type, i.NormalizedValue, i.Description, i.Phases, i.Tlp, i.Confidence, i.CreatedAt, i.UpdatedAt,
                i.FirstSeen, i.LastSeen, i.ValidUntil, i.SightingCount))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            yield return row;
        }
    }

    private static IQueryable<Indicators.Indicator> Since(IQueryable<Indicators.Indicator> indicators, DateTime? changedSince) =>
        CuratedSetDraft.Utc(changedSince) is { } since ? indicators.Where(i => i.UpdatedAt > since) : indicators;

    private static IQueryable<ThreatReport> Since(IQueryable<ThreatReport> reports, DateTime? changedSince) =>
        CuratedSetDraft.Utc(changedSince) is { } since ? reports.Where(r => r.UpdatedAt > since) : reports;
}
