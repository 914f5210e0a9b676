using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>
/// Curators' changes to curated sets and the questions asked of them. Every rule is enforced here (curators only,
/// validation, optimistic concurrency) so no page or endpoint can skip it; every change writes an audit entry in the
/// same save. Refusals are <see cref="WorkflowRuleException"/> (listing every problem) and
/// <see cref="WorkflowConflictException"/> (a stale edit), as in the report workflow.
/// </summary>
public sealed partial class CuratedSetStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public const string StaleEdit =
        "This curated set was changed by someone else since you opened it; reload it to see their changes, then edit again.";

    public const string CuratorsOnly = "Only curators can define curated sets.";

    public async Task<CuratedSetSaved> CreateAsync(CuratedSetDraft draft, string actorId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await EnsureCuratorAsync(db, actorId, ct);
        var normalised = draft.Normalised();
        await ValidateAsync(db, normalised, exceptId: null, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var set = new CuratedSet { CreatedById = actorId, CreatedAt = now, UpdatedById = actorId, UpdatedAt = now };
        CuratedSetRules.CopyTo(normalised, set);
        db.CuratedSets.Add(set);
        foreach (var organisationId in normalised.ReaderIds)
        {
            set.Readers.Add(new CuratedSetReader { SetId = set.Id, OrganisationId = organisationId });
        }

        db.AuditEntries.Add(CuratedSetAudit.Entry(set.Id, CuratedSetAudit.Create, actorId, now, null, CuratedSetRules.Snapshot(set)));
        await SaveAsync(db, set, ct);
        return new CuratedSetSaved(set.Id, set.ConcurrencyStamp, now);
    }

    /// <summary>Replaces a set's filter and readers; refused when the set changed since <paramref name="expectedStamp"/> was read.</summary>
    public async Task<CuratedSetSaved> UpdateAsync(
        Guid setId, Guid expectedStamp, CuratedSetDraft draft, string actorId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await EnsureCuratorAsync(db, actorId, ct);
        var set = await LoadAsync(db, setId, ct);
        ExpectStamp(db, set, expectedStamp);
        var normalised = draft.Normalised();
        await ValidateAsync(db, normalised, exceptId: setId, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var before = CuratedSetRules.Snapshot(set);
        CuratedSetRules.CopyTo(normalised, set);
        foreach (var gone in set.Readers.Where(r => !normalised.ReaderIds.Contains(r.OrganisationId)).ToList())
        {
            set.Readers.Remove(gone);
            db.CuratedSetReaders.Remove(gone);
        }

        foreach (var organisationId in normalised.ReaderIds.Where(id => set.Readers.All(r => r.OrganisationId != id)))
        {
            var reader = new CuratedSetReader { SetId = set.Id, OrganisationId = organisationId };
            set.Readers.Add(reader);
            db.CuratedSetReaders.Add(reader);
        }

        Touch(set, actorId, now);
        db.AuditEntries.Add(CuratedSetAudit.Entry(set.Id, CuratedSetAudit.Update, actorId, now, before, CuratedSetRules.Snapshot(set)));
        await SaveAsync(db, set, ct);
        return new CuratedSetSaved(set.Id, set.ConcurrencyStamp, now);
    }

    /// <summary>Hides a set from its readers (exports and feeds stop offering it); its definition and history stay.</summary>
    public Task<CuratedSetSaved> ArchiveAsync(Guid setId, Guid expectedStamp, string actorId, CancellationToken ct = default) =>
        SetArchivedAsync(setId, expectedStamp, actorId, archived: true, ct);

    /// <summary>Offers an archived set to its readers again.</summary>
    public Task<CuratedSetSaved> RestoreAsync(Guid setId, Guid expectedStamp, string actorId, CancellationToken ct = default) =>
        SetArchivedAsync(setId, expectedStamp, actorId, archived: false, ct);

    private async Task<CuratedSetSaved> SetArchivedAsync(Guid setId, Guid expectedStamp, string actorId, bool archived, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await EnsureCuratorAsync(db, actorId, ct);
        var set = await LoadAsync(db, setId, ct);
        ExpectStamp(db, set, expectedStamp);
        if (set.IsArchived == archived)
        {
            throw new WorkflowRuleException(archived ? "This set is already archived." : "This set is not archived.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        set.IsArchived = archived;
        Touch(set, actorId, now);
        db.AuditEntries.Add(CuratedSetAudit.Entry(set.Id, archived ? CuratedSetAudit.Archive : CuratedSetAudit.Restore, actorId, now,
            new { IsArchived = !archived }, new { IsArchived = archived }));
        await SaveAsync(db, set, ct);
        return new CuratedSetSaved(set.Id, set.ConcurrencyStamp, now);
    }

    private static async Task<CuratedSet> LoadAsync(PortalDbContext db, Guid setId, CancellationToken ct) =>
        await db.CuratedSets.Include(s => s.Readers).SingleOrDefaultAsync(s => s.Id == setId, ct)
        ?? throw new WorkflowRuleException("This curated set does not exist (it may have been deleted).");

    private static async Task EnsureCuratorAsync(PortalDbContext db, string actorId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(actorId) || !await ReportWorkflow.IsInRoleAsync(db, actorId, PortalRoles.Curator, ct))
        {
            throw new WorkflowRuleException(CuratorsOnly);
        }
    }

    /// <summary>Makes the UPDATE carry the stamp the curator read, so a change saved since then fails this one.</summary>
    private static void ExpectStamp(PortalDbContext db, CuratedSet set, Guid expected)
    {
        if (set.ConcurrencyStamp != expected)
        {
            throw new WorkflowConflictException(StaleEdit);
        }

        db.Entry(set).Property(s => s.ConcurrencyStamp).OriginalValue = expected;
    }

    /// <summary>The context renews stamps of reports and indicators only; a set renews its own on every change.</summary>
    private static void Touch(CuratedSet set, string actorId, DateTime now)
    {
        set.UpdatedById = actorId;
        set.UpdatedAt = now;
        set.ConcurrencyStamp = Guid.NewGuid();
    }

    private static async Task SaveAsync(PortalDbContext db, CuratedSet set, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new WorkflowConflictException(StaleEdit, ex);
        }
        catch (DbUpdateException)
        {
            // Two curators saving the same new name at once: the unique index refuses the second.
            var (id, name) = (set.Id, set.Name);
            db.ChangeTracker.Clear();
            if (await db.CuratedSets.AnyAsync(s => s.Id != id && s.Name == name, ct))
            {
                throw new WorkflowRuleException(NameTaken(name));
            }

            throw;
        }
    }

    private static string NameTaken(string name) => $"A curated set called \"{name}\" already exists; choose another name.";
}
