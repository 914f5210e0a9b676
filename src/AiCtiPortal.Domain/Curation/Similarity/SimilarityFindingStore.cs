using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// Writes a check's findings and the reviewers' decisions on them. A check replaces the version's Open findings in
/// one transaction, so a re-run never duplicates and a crash never leaves half a set; decided findings are kept, and
/// a pair a reviewer decided is never opened again.
/// </summary>
public sealed partial class SimilarityFindingStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public const string AuditEntity = "SimilarityFinding";

    /// <summary>Replaces the Open findings of <paramref name="reportId"/> up to <paramref name="version"/> with <paramref name="candidates"/>.</summary>
    public async Task<SimilarityCheckOutcome> ReplaceOpenAsync(
        Guid reportId, int version, IReadOnlyList<SimilarityCandidate> candidates, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Checked again inside the transaction: the findings belong to the version that was measured, or to nothing.
        var current = await db.Reports.Where(r => r.Id == reportId).Select(r => (int?)r.Version).SingleOrDefaultAsync(ct);
        if (current is null)
        {
            return SimilarityCheckOutcome.ReportMissing(reportId);
        }

        if (current != version)
        {
            return SimilarityCheckOutcome.VersionChanged(reportId, version, current.Value);
        }

        // Older versions' Open findings are stale once a newer version is measured.
        await db.SimilarityFindings
            .Where(f => f.ReportId == reportId && f.ReportVersion <= version && f.Status == SimilarityFindingStatus.Open)
            .ExecuteDeleteAsync(ct);
        var decided = (await db.SimilarityFindings.Where(f => f.ReportId == reportId).Select(f => f.PairKey).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var candidate in candidates.Where(c => !decided.Contains(c.PairKey)))
        {
            db.SimilarityFindings.Add(candidate.ToFinding(reportId, version, now));
            added++;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return SimilarityCheckOutcome.Completed(reportId, version, added, candidates.Count - added);
    }

    /// <summary>
    /// Confirms a finding. For a duplicate indicator (exact or near) that means merging: the submission's indicator
    /// is retired into the published one, which the report then links, and the provenance is recorded
    /// (<see cref="IndicatorMerge"/> and audit entries on both indicators and the report). Refused when the finding
    /// was decided already (also by a concurrent confirm) or belongs to a version the submission has moved past.
    /// The reviewer must be cleared for both sides.
    /// </summary>
    public async Task ConfirmAsync(Guid findingId, string reviewerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var finding = await LoadDecidableAsync(db, findingId, reviewerId, ct);
        var report = await db.Reports.SingleOrDefaultAsync(r => r.Id == finding.ReportId, ct)
            ?? throw new WorkflowRuleException("The submission of this finding no longer exists.");
        if (report.Version != finding.ReportVersion)
        {
            throw new WorkflowConflictException(
                $"The submission changed since this finding was computed (it was checked at version {finding.ReportVersion}, it is now version {report.Version}); " +
                "reload the page to see the findings of the current version.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await ClaimAsync(db, finding.Id, now, ct);
        var merge = IsMergeable(finding) ? await MergeAsync(db, finding, report, reviewerId, now, ct) : null;
        Decide(db, finding, reviewerId, SimilarityFindingStatus.Confirmed, null, now, merge);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new WorkflowConflictException(
                "The submission or one of its indicators was changed by someone else while you confirmed; nothing was merged. Reload and decide again.", ex);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Dismisses a finding with the reason; the pair then stays dismissed on every later check.</summary>
    public Task DismissAsync(Guid findingId, string reviewerId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new WorkflowRuleException("Say why the finding is dismissed, so the next reviewer can follow the decision.");
        }

        return DecideAsync(findingId, reviewerId, SimilarityFindingStatus.Dismissed, reason.Trim(), ct);
    }

    private async Task DecideAsync(Guid findingId, string reviewerId, SimilarityFindingStatus status, string? reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var finding = await LoadDecidableAsync(db, findingId, reviewerId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await ClaimAsync(db, finding.Id, now, ct);
        Decide(db, finding, reviewerId, status, reason, now, null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<SimilarityFinding> LoadDecidableAsync(PortalDbContext db, Guid findingId, string reviewerId, CancellationToken ct)
    {
        var finding = await db.SimilarityFindings.SingleOrDefaultAsync(f => f.Id == findingId, ct)
            ?? throw new WorkflowRuleException("This finding no longer exists; the check may have run again. Reload the page.");
        var visible = await SimilarityFindingQueries.VisibleToAsync(db, [finding], reviewerId, ct);
        if (visible.Findings.Count == 0)
        {
            throw new WorkflowRuleException("This finding does not exist or you cannot see it.");
        }

        if (finding.Status != SimilarityFindingStatus.Open)
        {
            throw new WorkflowRuleException(AlreadyDecided(finding.Status));
        }

        return finding;
    }

    private static string AlreadyDecided(SimilarityFindingStatus status) =>
        $"This finding was already {status.ToString().ToLowerInvariant()}; reload the page to see the decision.";

    /// <summary>
    /// Moves the finding out of Open in the database first, conditionally: of two reviewers deciding at once, only one
    /// update matches (PostgreSQL re-checks the condition after the other's commit; SQLite serialises the writers).
    /// </summary>
    private static async Task ClaimAsync(PortalDbContext db, Guid findingId, DateTime now, CancellationToken ct)
    {
        var claimed = await db.SimilarityFindings
            .Where(f => f.Id == findingId && f.Status == SimilarityFindingStatus.Open)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.DecidedAt, now), ct);
        if (claimed == 0)
        {
            var status = await db.SimilarityFindings.Where(f => f.Id == findingId).Select(f => (SimilarityFindingStatus?)f.Status).SingleOrDefaultAsync(ct);
            throw new WorkflowConflictException(status is { } decided ? AlreadyDecided(decided) : "This finding no longer exists; reload the page.");
        }
    }

    private static void Decide(PortalDbContext db, SimilarityFinding finding, string reviewerId, SimilarityFindingStatus status, string? reason, DateTime now, IndicatorMerge? merge)
    {
        finding.Status = status;
        finding.DecidedById = reviewerId;
        finding.DecidedAt = now;
        finding.DecisionReason = reason is { Length: > SimilarityFinding.MaxReasonLength } ? reason[..SimilarityFinding.MaxReasonLength] : reason;
        var audit = WorkflowAudit.Report(finding.ReportId, $"Similarity.{status}", reviewerId, now,
            new { Status = SimilarityFindingStatus.Open },
            new { Status = status, FindingId = finding.Id, finding.Kind, Reason = finding.DecisionReason, MergedIndicatorId = merge?.MergedIndicatorId, IntoIndicatorId = merge?.SurvivorIndicatorId });
        audit.EntityType = AuditEntity;
        audit.EntityId = finding.Id.ToString();
        db.AuditEntries.Add(audit);
    }
}
