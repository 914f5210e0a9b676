using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Engine.Artifacts.Policy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Artifacts;

/// <summary>
/// The scan policy's versions: the current one (the latest saved, else the engine's default), saving a new one
/// (curators only, validated first, audited) and the history. The parsed policy of the latest version is held here,
/// keyed by its number, so scans parse the document only when a newer version exists; this class is a singleton.
/// </summary>
public sealed class ScanPolicyStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private CurrentScanPolicy? _cached;

    /// <summary>
    /// The policy scans use now. One small query (the latest number) per call: every instance of the portal sees a
    /// version saved by another within its next scan.
    /// </summary>
    public async Task<CurrentScanPolicy> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var latest = await db.ScanPolicyVersions.MaxAsync(v => (int?)v.Number, ct);
        if (latest is not { } number)
        {
            return BuiltInScanPolicy.Current;
        }

        if (Volatile.Read(ref _cached) is { } cached && cached.Number == number)
        {
            return cached;
        }

        var row = await db.ScanPolicyVersions.AsNoTracking().SingleAsync(v => v.Number == number, ct);
        return Remember(Parse(row));
    }

    /// <summary>A version's document: 0 is the built-in default; null when no such version exists.</summary>
    public async Task<CurrentScanPolicy?> VersionAsync(int number, CancellationToken ct = default)
    {
        if (number == CurrentScanPolicy.BuiltInNumber)
        {
            return BuiltInScanPolicy.Current;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.ScanPolicyVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Number == number, ct);
        return row is null ? null : Parse(row);
    }

    /// <summary>Every saved version, newest first, with its author's account.</summary>
    public async Task<IReadOnlyList<ScanPolicyHistoryEntry>> HistoryAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await (
                from version in db.ScanPolicyVersions.AsNoTracking()
                join user in db.Users on version.AuthorId equals user.Id into authors
                from author in authors.DefaultIfEmpty()
                orderby version.Number descending
                select new ScanPolicyHistoryEntry(
                    version.Number, version.CreatedAt, version.AuthorId,
                    author == null ? null : author.DisplayName, author == null ? null : author.Email, version.ChangeNote))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Saves <paramref name="json"/> as the next version. Refuses (<see cref="WorkflowRuleException"/>, nothing written)
    /// a non-curator or a document with problems, listing every problem. With <paramref name="basedOn"/> (the number
    /// the curator started from; 0 for the default) a version saved since then refuses the save
    /// (<see cref="WorkflowConflictException"/>) instead of silently replacing it; two saves at the same instant
    /// meet on the unique version number, and the second is refused the same way.
    /// </summary>
    public Task<ScanPolicySaved> SaveAsync(string json, string? note, string actorId, int? basedOn = null, CancellationToken ct = default) =>
        SaveAsync(json, note, actorId, basedOn, ScanPolicyAudit.Save, ct);

    /// <summary>Saves an older version's document again as the newest version (the history itself never changes).</summary>
    public async Task<ScanPolicySaved> RestoreAsync(int number, string? note, string actorId, int? basedOn = null, CancellationToken ct = default)
    {
        var old = await VersionAsync(number, ct)
            ?? throw new WorkflowRuleException($"Version {number} of the scan policy does not exist.");
        var text = string.IsNullOrWhiteSpace(note)
            ? number == CurrentScanPolicy.BuiltInNumber ? "Restored the built-in default." : $"Restored version {number}."
            : note;
        return await SaveAsync(old.Json, text, actorId, basedOn, ScanPolicyAudit.Restore, ct);
    }

    private async Task<ScanPolicySaved> SaveAsync(
        string json, string? note, string actorId, int? basedOn, string action, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(actorId);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await ReportWorkflow.IsInRoleAsync(db, actorId, PortalRoles.Curator, ct))
        {
            throw new WorkflowRuleException("Only curators can change the scan policy.");
        }

        var errors = new List<string>(ScanPolicyRules.Check(json, out var policy));
        var trimmedNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmedNote?.Length > ScanPolicyVersion.MaxChangeNoteLength)
        {
            errors.Add($"The change note is {trimmedNote.Length:N0} characters long; the limit is {ScanPolicyVersion.MaxChangeNoteLength:N0}.");
        }

        if (errors.Count > 0 || policy is null)
        {
            throw new WorkflowRuleException(errors);
        }

        var latest = await db.ScanPolicyVersions.MaxAsync(v => (int?)v.Number, ct) ?? CurrentScanPolicy.BuiltInNumber;
        if (basedOn is { } start && start != latest)
        {
            throw new WorkflowConflictException(ConflictMessage(latest));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var version = new ScanPolicyVersion
        {
            Number = latest + 1, Json = json, AuthorId = actorId, CreatedAt = now, ChangeNote = trimmedNote,
        };
        db.ScanPolicyVersions.Add(version);
        db.AuditEntries.Add(ScanPolicyAudit.Entry(action, version.Number, actorId, now, latest,
            new { Version = version.Number, Policy = policy.Name, Note = trimmedNote }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            if (await NumberTakenAsync(version.Number))
            {
                throw new WorkflowConflictException(ConflictMessage(version.Number), e);
            }

            throw;
        }

        Remember(new CurrentScanPolicy(version.Number, json, policy, now));
        return new ScanPolicySaved(version.Number, now);
    }

    private static string ConflictMessage(int latest) =>
        $"Another curator saved version {latest} of the scan policy while you were editing. Nothing of yours was saved; " +
        "copy your changes, reload to see theirs, and save again.";

    /// <summary>A failed insert is a lost race only if its number now exists; anything else is a real failure.</summary>
    private async Task<bool> NumberTakenAsync(int number)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.ScanPolicyVersions.AnyAsync(v => v.Number == number);
    }

    private CurrentScanPolicy Remember(CurrentScanPolicy policy)
    {
        lock (_gate)
        {
            // A slow reader must not put back an older version than a save has just put in.
            if (_cached is null || _cached.Number < policy.Number)
            {
                _cached = policy;
            }

            return _cached.Number == policy.Number ? _cached : policy;
        }
    }

    private static CurrentScanPolicy Parse(ScanPolicyVersion row)
    {
        try
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(row.Json));
            return new CurrentScanPolicy(row.Number, row.Json, ArtifactPolicy.Load(stream), row.CreatedAt);
        }
        catch (ArtifactPolicyException e)
        {
            // Saved versions were validated; one that no longer loads means the engine's format changed under it.
            throw new ArtifactPolicyException(
                $"Version {row.Number} of the scan policy no longer loads ({e.Message}); a curator must save a corrected version.", e);
        }
    }
}
