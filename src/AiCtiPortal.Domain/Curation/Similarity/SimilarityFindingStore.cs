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
public sealed class SimilarityFindingStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
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

    /// <summary>Confirms a finding as a real duplicate or relation. The reviewer must be cleared for both sides.</summary>
    public Task ConfirmAsync(Guid findingId, string reviewerId, CancellationToken ct = default) =>
        DecideAsync(findingId, reviewerId, SimilarityFindingStatus.Confirmed, null, ct);

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
        var finding = await db.SimilarityFindings.SingleOrDefaultAsync(f => f.Id == findingId, ct)
            ?? throw new WorkflowRuleException("This finding no longer exists; the check may have run again. Reload the page.");
        var visible = await SimilarityFindingQueries.VisibleToAsync(db, [finding], reviewerId, ct);
        if (visible.Findings.Count == 0)
        {
            throw new WorkflowRuleException("This finding does not exist or you cannot see it.");
        }

        if (finding.Status != SimilarityFindingStatus.Open)
        {
            throw new WorkflowRuleException($"This finding was already {finding.Status.ToString().ToLowerInvariant()}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        finding.Status = status;
        finding.DecidedById = reviewerId;
        finding.DecidedAt = now;
        finding.DecisionReason = reason is { Length: > SimilarityFinding.MaxReasonLength } ? reason[..SimilarityFinding.MaxReasonLength] : reason;
        var audit = WorkflowAudit.Report(finding.ReportId, $"Similarity.{status}", reviewerId, now,
            new { Status = SimilarityFindingStatus.Open }, new { Status = status, FindingId = finding.Id, finding.Kind, Reason = finding.DecisionReason });
        audit.EntityType = AuditEntity;
        audit.EntityId = finding.Id.ToString();
        db.AuditEntries.Add(audit);
        await db.SaveChangesAsync(ct);
    }
}
