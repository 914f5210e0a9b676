using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Discussions;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Reports;

/// <summary>
/// Changes to published reports. A proposal is an ordinary report row (ProposalForId set) that goes through the same
/// drafting, submission and review as any submission; only acceptance differs: instead of publishing the row, the
/// workflow applies its content to the published report as a new version, so nothing published changes without a
/// review and a trace.
/// </summary>
public sealed partial class ReportWorkflow
{
    /// <summary>
    /// Opens a proposal against a published report as <paramref name="actorId"/> (any contributor or curator, its
    /// author included), copying the report's current content; returns the proposal's id, to open in the editor.
    /// An open proposal of the same person for the same report is returned instead of starting a second one.
    /// </summary>
    public async Task<Guid> ProposeAsync(Guid publishedReportId, string actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await EnsureMayAuthorAsync(db, actorId, ct);
        var target = await db.Reports
            .Include(r => r.References)
            .Include(r => r.Techniques)
            .Include(r => r.Indicators).ThenInclude(l => l.Indicator)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == publishedReportId, ct);

        // Nobody copies what they may not read (someone else's unpublished work, or above their clearance); such a
        // report is refused with the same words as a missing one, so nothing leaks.
        var readable = target is not null && (target.AuthorId == actorId
            || (target.Status == ContentStatus.Published && target.Tlp <= await Clearance.OfUserAsync(db, actorId, ct)));
        if (!readable)
        {
            throw new WorkflowRuleException("This report does not exist or you cannot see it.");
        }

        if (target!.Status != ContentStatus.Published || target.ProposalForId is not null)
        {
            throw new WorkflowRuleException(
                $"Only published reports accept proposed changes; this one is {target.Status}. Its author edits it directly until it is published.");
        }

        var open = await db.Reports
            .Where(r => r.ProposalForId == target.Id && r.AuthorId == actorId && Editable.Contains(r.Status))
            .Select(r => (Guid?)r.Id)
            .FirstOrDefaultAsync(ct);
        if (open is { } existing)
        {
            return existing;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var proposal = new ThreatReport
        {
            AuthorId = actorId, CreatedAt = now, Status = ContentStatus.Draft,
            ProposalForId = target.Id, ProposalBaseVersion = target.Version,
        };
        db.Reports.Add(proposal);
        Apply(db, proposal, ReportDraft.Of(target), now);

        // The same published indicators, linked rather than copied: an unchanged row stays the same catalogue item.
        foreach (var link in target.Indicators)
        {
            var copy = new ReportIndicator { ReportId = proposal.Id, IndicatorId = link.IndicatorId, Indicator = link.Indicator };
            db.ReportIndicators.Add(copy);
            if (!proposal.Indicators.Contains(copy))
            {
                proposal.Indicators.Add(copy);
            }
        }

        db.AuditEntries.Add(WorkflowAudit.Report(proposal.Id, "Proposal.Create", actorId, now, null,
            new { proposal.Status, ProposalForId = target.Id, BaseVersion = target.Version }));
        db.AuditEntries.Add(WorkflowAudit.Report(target.Id, "Proposal.Open", actorId, now, null,
            new { ProposalId = proposal.Id, BaseVersion = target.Version }));
        await db.SaveChangesAsync(ct);
        return proposal.Id;
    }

    /// <summary>
    /// Submission of a proposal: it is reviewed against what is published now, and the published report's author
    /// hears about it (unless they proposed it themselves).
    /// </summary>
    private static async Task OnProposalSubmittedAsync(PortalDbContext db, ThreatReport proposal, Guid targetId, string actorId, DateTime now, CancellationToken ct)
    {
        var target = await db.Reports.SingleOrDefaultAsync(r => r.Id == targetId, ct);
        if (target is not { Status: ContentStatus.Published })
        {
            throw new WorkflowRuleException("The report this change was proposed for is no longer published, so the proposal cannot be submitted.");
        }

        proposal.ProposalBaseVersion = target.Version;
        if (target.AuthorId != proposal.AuthorId)
        {
            var proposer = await DisplayNameAsync(db, proposal.AuthorId, ct);
            db.Notifications.Add(NotificationKinds.Create(target.AuthorId, NotificationKinds.ProposalSubmitted, target.Id,
                $"{proposer} proposed a change to \"{target.Title}\".", now));
        }

        db.AuditEntries.Add(WorkflowAudit.Report(target.Id, "Proposal.Submit", actorId, now, null,
            new { ProposalId = proposal.Id, BaseVersion = target.Version }));
    }

    /// <summary>
    /// Applies an accepted proposal to its published report in the decision's own transaction: the report takes the
    /// proposal's content as version N+1 with a snapshot, and the proposal is kept, as Merged, for its history.
    /// Refused when another change was published after the proposal was submitted, so a stale copy never silently
    /// reverts it.
    /// </summary>
    private async Task<ThreatReport> ApplyProposalAsync(
        PortalDbContext db, ThreatReport proposal, IEnumerable<Review> acceptingReviews, string reviewerId, DateTime now, CancellationToken ct)
    {
        var target = await LoadFullAsync(db, proposal.ProposalForId!.Value, ct);
        if (target.Status != ContentStatus.Published)
        {
            throw new WorkflowRuleException(
                $"The report this change was proposed for is {target.Status}, not published, so the proposal cannot be applied. Reject it or request changes.");
        }

        if (target.Version != proposal.ProposalBaseVersion)
        {
            throw new WorkflowRuleException(
                $"This proposal was written against version {proposal.ProposalBaseVersion} of \"{target.Title}\", but version " +
                $"{target.Version} has been published since. Request changes instead, so the proposer can resubmit it against the current version.");
        }

        var before = ReportSnapshot.Of(target);
        Apply(db, target, ReportDraft.Of(proposal), now);
        LinkIndicatorsOf(db, target, proposal, now);

        var number = Math.Max(target.Version, await db.ReportVersions.Where(v => v.ReportId == target.Id)
            .MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
        target.Version = number;
        target.UpdatedAt = now;

        // The catalogue's figures follow the new content: its indicator types, and the score of the reviews that
        // accepted it (CatalogueStatistics.ReviewsBehindAsync reads the same reviews for the report's page).
        target.IndicatorTypeMask = CatalogueStatistics.MaskOf(target.Indicators.Select(l => l.Indicator!.Type));
        target.CatalogueScore = CatalogueStatistics.ScoreOf(acceptingReviews);
        target.ConcurrencyStamp = Guid.NewGuid();
        var after = ReportSnapshot.Of(target);
        var proposer = await DisplayNameAsync(db, proposal.AuthorId, ct);
        db.ReportVersions.Add(new ReportVersion
        {
            ReportId = target.Id, Number = number, SnapshotJson = after.ToJson(), AuthorId = proposal.AuthorId,
            CreatedAt = now, ChangeNote = $"Proposal by {proposer} accepted.",
        });

        db.AuditEntries.Add(WorkflowAudit.Report(target.Id, "Proposal.Apply", reviewerId, now,
            new { target.Status, Version = proposal.ProposalBaseVersion, Content = before },
            new { target.Status, Version = number, ProposalId = proposal.Id, Content = after }));
        db.AuditEntries.Add(WorkflowAudit.Report(proposal.Id, "Proposal.Merge", reviewerId, now,
            new { Status = ContentStatus.InReview }, new { Status = ContentStatus.Merged, IntoReportId = target.Id, IntoVersion = number }));

        if (target.AuthorId != proposal.AuthorId)
        {
            db.Notifications.Add(NotificationKinds.Create(target.AuthorId, NotificationKinds.ProposalAccepted, target.Id,
                $"{proposer}'s proposed change to \"{target.Title}\" was accepted; it is now version {number}.", now));
        }

        return target;
    }

    /// <summary>
    /// Makes the published report link exactly the proposal's indicators. New ones are published with it; a link the
    /// proposal dropped is removed, but a published indicator itself is never deleted (other reports may cite it).
    /// </summary>
    private static void LinkIndicatorsOf(PortalDbContext db, ThreatReport target, ThreatReport proposal, DateTime now)
    {
        var wanted = proposal.Indicators.Select(l => l.Indicator!).ToList();
        foreach (var gone in target.Indicators.Where(l => wanted.All(i => i.Id != l.IndicatorId)).ToList())
        {
            target.Indicators.Remove(gone);
            db.ReportIndicators.Remove(gone);
        }

        foreach (var indicator in wanted)
        {
            if (indicator.Status != ContentStatus.Published)
            {
                indicator.Status = ContentStatus.Published;
                indicator.UpdatedAt = now;
            }

            if (target.Indicators.All(l => l.IndicatorId != indicator.Id))
            {
                var link = new ReportIndicator { ReportId = target.Id, IndicatorId = indicator.Id, Indicator = indicator };
                db.ReportIndicators.Add(link);

                // EF's fix-up usually adds the tracked link to the collection already; the snapshot must see it once.
                if (!target.Indicators.Contains(link))
                {
                    target.Indicators.Add(link);
                }
            }
        }
    }

    /// <summary>
    /// A proposal's reviewer reads the published report too (the diff shows it), so they must be cleared for its TLP as
    /// well as the proposal's: a proposal that lowers the marking does not open the original to less cleared reviewers.
    /// </summary>
    private static async Task EnsureClearedForProposalTargetAsync(PortalDbContext db, Guid targetId, string reviewerId, CancellationToken ct)
    {
        var targetTlp = await db.Reports.Where(r => r.Id == targetId).Select(r => r.Tlp).SingleAsync(ct);
        if (targetTlp > await Clearance.OfUserAsync(db, reviewerId, ct))
        {
            throw new WorkflowRuleException(
                $"This proposal changes a report marked {TlpLabels.Of(targetTlp)}, above your clearance; a reviewer cleared for it has to decide.");
        }
    }

    private static async Task<string> DisplayNameAsync(PortalDbContext db, string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId)
            .Select(u => u.DisplayName == "" ? u.UserName : u.DisplayName)
            .FirstOrDefaultAsync(ct) ?? "A contributor";
}
