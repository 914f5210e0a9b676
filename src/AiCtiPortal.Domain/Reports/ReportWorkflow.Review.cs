using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Discussions;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Reports;

public sealed partial class ReportWorkflow
{
    /// <summary>Approvals on one version that publish a report at this TLP.</summary>
    public int QuorumFor(Tlp tlp) => Math.Max(1, tlp == Tlp.Clear ? options.Value.ClearQuorum : options.Value.Quorum);

    /// <summary>
    /// Records a reviewer's decision on the report's current version. Any RequestChanges or Reject ends the round at
    /// once (it wins over approvals still short of quorum); enough approvals with no objection publish the report.
    /// Every decision renews the report's stamp, so of two reviewers who read the same state only one can win.
    /// </summary>
    public async Task<ReviewOutcome> DecideAsync(ReviewRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var report = await LoadFullAsync(db, request.ReportId, ct);
        if (!await IsInRoleAsync(db, request.ReviewerId, PortalRoles.Reviewer, ct))
        {
            throw new WorkflowRuleException("Only reviewers can decide on reports.");
        }

        if (report.AuthorId == request.ReviewerId)
        {
            throw new WorkflowRuleException("You cannot review your own report; another reviewer has to decide on it.");
        }

        // The queue hides what a reviewer may not read; the rule holds here as well, for any caller (decision 0005).
        if (report.Tlp > await Clearance.OfUserAsync(db, request.ReviewerId, ct))
        {
            throw new WorkflowRuleException(
                $"This report is marked {TlpLabels.Of(report.Tlp)}, above your clearance; a reviewer from an organisation cleared for it has to decide.");
        }

        if (report.ProposalForId is { } targetId)
        {
            await EnsureClearedForProposalTargetAsync(db, targetId, request.ReviewerId, ct);
        }

        // The stamp first: a reviewer who read a state that has since changed must reload, whatever changed it.
        ExpectStamp(db, report, request.ExpectedConcurrencyStamp, WorkflowConflictException.ReviewerRace);
        var round = await db.Reviews.Where(r => r.ReportId == report.Id && r.ReportVersion == report.Version).ToListAsync(ct);
        EnsureReviewable(report, round, request);
        EnsureComplete(request);

        var now = clock.GetUtcNow().UtcDateTime;
        var review = new Review
        {
            ReportId = report.Id, ReportVersion = report.Version, ReviewerId = request.ReviewerId, Decision = request.Decision,
            Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(),
            EvidenceScore = request.Scores.Evidence, SpecificityScore = request.Scores.Specificity,
            CorrectnessScore = request.Scores.Correctness, NoveltyScore = request.Scores.Novelty,
            CompletenessScore = request.Scores.Completeness, CreatedAt = now,
        };
        db.Reviews.Add(review);

        var before = report.Status;
        var approvals = round.Count(r => r.Decision == ReviewDecision.Approve) + (request.Decision == ReviewDecision.Approve ? 1 : 0);
        var quorum = QuorumFor(report.Tlp);
        report.Status = request.Decision switch
        {
            ReviewDecision.RequestChanges => ContentStatus.ChangesRequested,
            ReviewDecision.Reject => ContentStatus.Rejected,
            _ when approvals >= quorum => report.ProposalForId is null ? ContentStatus.Published : ContentStatus.Merged,
            _ => ContentStatus.InReview,
        };

        // Renewed even when the status stays, so a concurrent decision on the same state fails its UPDATE.
        report.ConcurrencyStamp = Guid.NewGuid();
        db.AuditEntries.Add(WorkflowAudit.Report(report.Id, $"Review.{request.Decision}", request.ReviewerId, now,
            new { Status = before },
            new { Status = report.Status, report.Version, request.Decision, Approvals = approvals, Quorum = quorum, review.Comment }));
        var noticeAbout = report.Id;
        if (report.Status == ContentStatus.Published)
        {
            Publish(db, report, request.ReviewerId, now);

            // The catalogue filters and sorts by these; computed once here rather than on every search.
            CatalogueStatistics.Apply(report, round.Append(review));
        }
        else if (report.Status == ContentStatus.Merged)
        {
            // An accepted proposal is never published itself: its content becomes the next version of its report.
            noticeAbout = (await ApplyProposalAsync(db, report, round.Append(review), request.ReviewerId, now, ct)).Id;
            report.UpdatedAt = now;
        }
        else if (report.Status != before)
        {
            ReturnIndicators(report, now);
        }

        // Added before the one SaveChanges, so the decision and the author's notification commit together or not at all.
        if (AuthorNotice(report) is { } notice)
        {
            db.Notifications.Add(NotificationKinds.Create(report.AuthorId, NotificationKinds.StatusChanged, noticeAbout, notice, now));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // A stale stamp, or the unique (report, version, reviewer) index hit by a double submit: either way
            // someone decided between this reviewer's read and write.
            throw new WorkflowConflictException(WorkflowConflictException.ReviewerRace, ex);
        }

        return new ReviewOutcome(report.Status, approvals, quorum);
    }

    /// <summary>What the author is told when a decision ends a review round; approvals short of quorum say nothing.</summary>
    private static string? AuthorNotice(ThreatReport report) => (report.Status, Proposal: report.ProposalForId is not null) switch
    {
        (ContentStatus.ChangesRequested, false) => $"A reviewer requested changes to \"{report.Title}\".",
        (ContentStatus.ChangesRequested, true) => $"A reviewer requested changes to your proposed change to \"{report.Title}\".",
        (ContentStatus.Rejected, false) => $"A reviewer rejected \"{report.Title}\".",
        (ContentStatus.Rejected, true) => $"A reviewer rejected your proposed change to \"{report.Title}\".",
        (ContentStatus.Published, _) => $"\"{report.Title}\" was published.",
        (ContentStatus.Merged, _) => $"Your proposed change to \"{report.Title}\" was accepted and published.",
        _ => null,
    };

    private static void EnsureReviewable(ThreatReport report, List<Review> round, ReviewRequest request)
    {
        var objection = round.FirstOrDefault(r => r.Decision != ReviewDecision.Approve);
        if (objection is not null)
        {
            var what = objection.Decision == ReviewDecision.Reject ? "rejected" : "sent back for changes";
            throw new WorkflowRuleException(
                $"Version {report.Version} of this report was already {what} by another reviewer; a later " +
                $"{Describe(request.Decision)} cannot override that. The author has to resubmit first.");
        }

        if (report.Status != ContentStatus.InReview)
        {
            throw new WorkflowRuleException($"This report is not awaiting review (it is {report.Status}).");
        }

        if (round.Any(r => r.ReviewerId == request.ReviewerId))
        {
            throw new WorkflowRuleException($"You already decided on version {report.Version} of this report.");
        }
    }

    private static void EnsureComplete(ReviewRequest request)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(request.Decision))
        {
            errors.Add("Choose a decision.");
        }

        if (request.Decision != ReviewDecision.Approve && string.IsNullOrWhiteSpace(request.Comment))
        {
            errors.Add("A comment is required when you request changes or reject: tell the author what to fix or why.");
        }

        if (request.Comment is { Length: > Data.Configurations.ColumnLengths.Description } comment)
        {
            errors.Add($"The comment is {comment.Length:N0} characters long; the limit is {Data.Configurations.ColumnLengths.Description:N0}.");
        }

        var invalid = request.Scores.Invalid();
        if (invalid.Count > 0)
        {
            errors.Add($"Score every criterion from 1 to 5 (missing or out of range: {string.Join(", ", invalid)}).");
        }

        if (errors.Count > 0)
        {
            throw new WorkflowRuleException(errors);
        }
    }

    private static string Describe(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Approve => "approval",
        ReviewDecision.RequestChanges => "request for changes",
        _ => "rejection",
    };

    private static void Publish(PortalDbContext db, ThreatReport report, string actorId, DateTime now)
    {
        report.PublishedAt = now;
        report.UpdatedAt = now;
        foreach (var indicator in report.Indicators.Select(l => l.Indicator!).Where(i => i.Status != ContentStatus.Published))
        {
            indicator.Status = ContentStatus.Published;
            indicator.UpdatedAt = now;
        }

        db.AuditEntries.Add(WorkflowAudit.Report(report.Id, "Publish", actorId, now,
            new { Status = ContentStatus.InReview }, new { Status = ContentStatus.Published, report.Version, PublishedAt = now }));
    }

    /// <summary>Indicators under review follow their report back to the author (or into rejection).</summary>
    private static void ReturnIndicators(ThreatReport report, DateTime now)
    {
        foreach (var indicator in report.Indicators.Select(l => l.Indicator!).Where(i => i.Status == ContentStatus.InReview))
        {
            indicator.Status = report.Status;
            indicator.UpdatedAt = now;
        }
    }
}
