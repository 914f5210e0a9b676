using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Discussions;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Catalogue;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Reviews;

/// <summary>
/// Proposed changes to published reports, on a real database (SQLite and PostgreSQL through the derived classes):
/// the same workflow as any submission, with acceptance applying the change as a new version of the published report.
/// </summary>
public abstract class ProposalWorkflowTests(ITestDatabases databases)
{
    private const string NewSummary = "A checkpoint runs a reverse shell when unpickled; the hub removed it on 2026-11-20.";

    private async Task<WorkflowTestBed> BedAsync(ReviewOptions? options = null) =>
        new(await databases.SharedMigratedAsync(), options);

    [Fact]
    public async Task Any_contributor_may_propose_a_change_and_gets_a_draft_copy_of_the_published_report()
    {
        var bed = await BedAsync();
        var target = await PublishedAsync(bed, await bed.UserAsync(PortalRoles.Contributor));
        var proposer = await bed.UserAsync(PortalRoles.Contributor);

        var proposalId = await bed.Workflow.ProposeAsync(target, proposer);

        var proposal = await FullAsync(bed, proposalId);
        var published = await FullAsync(bed, target);
        Assert.Equal(ContentStatus.Draft, proposal.Status);
        Assert.Equal(proposer, proposal.AuthorId);
        Assert.Equal(target, proposal.ProposalForId);
        Assert.Equal(1, proposal.ProposalBaseVersion);
        Assert.Equal(published.Title, proposal.Title);
        Assert.Equal(published.BodyMarkdown, proposal.BodyMarkdown);
        Assert.Equal(published.References.Select(r => r.Url), proposal.References.Select(r => r.Url));
        Assert.Equal(published.Techniques.Select(t => t.TechniqueId), proposal.Techniques.Select(t => t.TechniqueId));
        // The same catalogue indicators, linked rather than copied.
        Assert.Equal(published.Indicators.Select(l => l.IndicatorId), proposal.Indicators.Select(l => l.IndicatorId));
        var editable = await bed.Workflow.OpenForEditAsync(proposalId, proposer);
        Assert.Equal(new ProposalTarget(target, published.Title, 1), editable.ProposalFor);
        await using var db = bed.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == proposalId.ToString() && a.Action == "Proposal.Create" && a.ActorId == proposer));
    }

    [Fact]
    public async Task Proposing_again_reopens_the_open_proposal_instead_of_starting_a_second()
    {
        var bed = await BedAsync();
        var target = await PublishedAsync(bed, await bed.UserAsync(PortalRoles.Contributor));
        var proposer = await bed.UserAsync(PortalRoles.Contributor);

        var first = await bed.Workflow.ProposeAsync(target, proposer);
        var second = await bed.Workflow.ProposeAsync(target, proposer);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Only_published_reports_accept_proposals()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var inReview = await bed.SubmittedAsync(author);
        var draft = await bed.Workflow.SaveDraftAsync(null, null, WorkflowTestBed.CompleteDraft(), author);
        var stranger = await bed.UserAsync(PortalRoles.Contributor);

        foreach (var id in new[] { inReview.ReportId, draft.ReportId })
        {
            var byAuthor = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Workflow.ProposeAsync(id, author));
            var byStranger = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Workflow.ProposeAsync(id, stranger));
            Assert.StartsWith("Only published reports accept proposed changes", byAuthor.Message);
            // Someone else's unpublished work is not even confirmed to exist.
            Assert.Equal("This report does not exist or you cannot see it.", byStranger.Message);
        }

        await using var db = bed.Db();
        Assert.False(await db.Reports.AnyAsync(r => r.ProposalForId == inReview.ReportId || r.ProposalForId == draft.ReportId));
    }

    [Fact]
    public async Task Consumers_and_viewers_above_their_clearance_cannot_propose()
    {
        var bed = await BedAsync();
        var amber = await PublishedAsync(bed, await bed.UserAsync(PortalRoles.Contributor), Tlp.Amber);
        var contributor = await bed.UserAsync(PortalRoles.Contributor);
        var consumer = await bed.UserAsync(PortalRoles.Consumer);

        var hidden = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Workflow.ProposeAsync(amber, contributor));
        var reader = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Workflow.ProposeAsync(amber, consumer));

        Assert.Equal("This report does not exist or you cannot see it.", hidden.Message);
        Assert.StartsWith("Only contributors can write reports", reader.Message);
    }

    [Fact]
    public async Task A_proposal_that_lowers_the_marking_is_still_reviewed_only_by_reviewers_cleared_for_the_report()
    {
        var bed = await BedAsync();
        var target = await PublishedAsync(bed, await bed.UserAsync(PortalRoles.Contributor), Tlp.Amber);
        var curator = await bed.UserAsync(PortalRoles.Contributor, PortalRoles.Curator);
        var proposal = await bed.Workflow.ProposeAsync(target, curator);
        var editable = await bed.Workflow.OpenForEditAsync(proposal, curator);
        editable.Draft.Tlp = Tlp.Green;
        var saved = await bed.Workflow.SaveDraftAsync(proposal, editable.ConcurrencyStamp, editable.Draft, curator);
        await bed.Workflow.SubmitAsync(proposal, saved.ConcurrencyStamp, curator);

        var greenReviewer = await bed.UserAsync(PortalRoles.Reviewer);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.DecideAsync(proposal, greenReviewer, ReviewDecision.Approve));

        Assert.Contains("changes a report marked TLP:AMBER, above your clearance", refused.Message);
        Assert.Equal(Tlp.Amber, (await bed.ReportAsync(target)).Tlp);
    }

    [Fact]
    public async Task The_author_may_propose_a_change_to_their_report_but_cannot_review_the_proposal()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor, PortalRoles.Reviewer);
        var target = await PublishedAsync(bed, author);
        var proposal = await SubmittedProposalAsync(bed, target, author, d => d.Summary = NewSummary);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.DecideAsync(proposal, author, ReviewDecision.Approve));

        Assert.Contains("cannot review your own report", refused.Message);
        Assert.Equal(ContentStatus.InReview, (await bed.ReportAsync(proposal)).Status);
        Assert.Equal(1, (await bed.ReportAsync(target)).Version);
    }

    [Fact]
    public async Task After_an_accepted_proposal_the_report_is_scored_by_the_reviews_that_accepted_it()
    {
        var bed = await BedAsync();
        var target = await PublishedAsync(bed, await bed.UserAsync(PortalRoles.Contributor)); // scored 4.0 (GoodScores)
        var proposal = await SubmittedProposalAsync(bed, target, await bed.UserAsync(PortalRoles.Contributor), d => d.Summary = NewSummary);
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);

        await bed.Workflow.DecideAsync(new ReviewRequest(
            proposal, await bed.StampAsync(proposal), reviewer, ReviewDecision.Approve, null, new RubricScores(2, 2, 3, 2, 1)));

        var scores = await new CatalogueTestBed(await databases.SharedMigratedAsync()).Search.ScoresAsync(target);
        Assert.Equal(2.0, (await bed.ReportAsync(target)).CatalogueScore);
        Assert.NotNull(scores);
        Assert.Equal((1, 2.0, 3.0, 1.0), (scores.ReviewCount, scores.Overall, scores.Correctness, scores.Completeness));
    }

    [Fact]
    public async Task An_accepted_proposal_becomes_the_next_version_of_the_published_report_with_snapshot_and_audit()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var target = await PublishedAsync(bed, author);
        var original = Assert.Single((await FullAsync(bed, target)).Indicators).IndicatorId;
        var proposer = await bed.UserAsync(PortalRoles.Contributor);
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);
        var proposal = await SubmittedProposalAsync(bed, target, proposer, d =>
        {
            d.Summary = NewSummary;
            d.TechniqueIds = ["AML.T0010", "AML.T0011"];
            d.Indicators = [new DraftIndicator { Type = IndicatorType.Domain, Value = "weights-cdn.example.net" }];
        });

        var outcome = await bed.DecideAsync(proposal, reviewer, ReviewDecision.Approve);

        Assert.Equal(new ReviewOutcome(ContentStatus.Merged, 1, 1), outcome);
        var published = await FullAsync(bed, target);
        Assert.Equal(ContentStatus.Published, published.Status);
        Assert.Equal(2, published.Version);
        Assert.Equal(NewSummary, published.Summary);
        Assert.Equal(["AML.T0010", "AML.T0011"], published.Techniques.Select(t => t.TechniqueId).Order(StringComparer.Ordinal));
        var linked = Assert.Single(published.Indicators).Indicator!;
        Assert.Equal("weights-cdn.example.net", linked.NormalizedValue);
        Assert.Equal(ContentStatus.Published, linked.Status);
        Assert.Equal(author, published.AuthorId);
        Assert.Equal(1L << (int)IndicatorType.Domain, published.IndicatorTypeMask);

        await using var db = bed.Db();
        // The dropped indicator is unlinked, never deleted: it stays a published catalogue item.
        Assert.Equal(ContentStatus.Published, (await db.Indicators.SingleAsync(i => i.Id == original)).Status);
        var version = await db.ReportVersions.SingleAsync(v => v.ReportId == target && v.Number == 2);
        Assert.Equal("Proposal by Workflow test user accepted.", version.ChangeNote);
        Assert.Equal(proposer, version.AuthorId);
        var snapshot = ReportSnapshot.FromJson(version.SnapshotJson);
        Assert.Equal(NewSummary, snapshot.Summary);
        Assert.Equal(ContentStatus.Published, snapshot.Status);
        Assert.Equal(["weights-cdn.example.net"], snapshot.Indicators.Select(i => i.NormalizedValue));
        var apply = await db.AuditEntries.SingleAsync(a => a.EntityId == target.ToString() && a.Action == "Proposal.Apply");
        Assert.Equal(reviewer, apply.ActorId);
        Assert.Contains("\"version\":1", apply.BeforeJson);
        Assert.Contains("A checkpoint runs a reverse shell when unpickled.", apply.BeforeJson);
        Assert.Contains("\"version\":2", apply.AfterJson);
        Assert.Contains(NewSummary, apply.AfterJson);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == proposal.ToString() && a.Action == "Proposal.Merge"));
        // The proposal keeps its history and its review; the published report's own reviews are unchanged.
        Assert.Equal(ContentStatus.Merged, (await db.Reports.SingleAsync(r => r.Id == proposal)).Status);
        Assert.Equal([ReviewDecision.Approve], await db.Reviews.Where(r => r.ReportId == proposal).Select(r => r.Decision).ToListAsync());
        Assert.Single(await db.Reviews.Where(r => r.ReportId == target).ToListAsync());
    }

    [Fact]
    public async Task A_proposal_needs_the_same_quorum_as_any_submission()
    {
        var bed = await BedAsync(new ReviewOptions { Quorum = 2, ClearQuorum = 2 });
        var target = await PublishedAsync(bed, await bed.UserAsync(PortalRoles.Contributor), approvals: 2);
        var proposal = await SubmittedProposalAsync(bed, target, await bed.UserAsync(PortalRoles.Contributor), d => d.Summary = NewSummary);

        var first = await bed.DecideAsync(proposal, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);
        Assert.Equal(new ReviewOutcome(ContentStatus.InReview, 1, 2), first);
        Assert.Equal(1, (await bed.ReportAsync(target)).Version);

        var second = await bed.DecideAsync(proposal, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);

        Assert.Equal(new ReviewOutcome(ContentStatus.Merged, 2, 2), second);
        Assert.Equal(NewSummary, (await bed.ReportAsync(target)).Summary);
    }

    [Fact]
    public async Task A_proposal_against_a_superseded_version_is_refused_until_resubmitted_against_the_new_one()
    {
        var bed = await BedAsync();
        var target = await PublishedAsync(bed, await bed.UserAsync(PortalRoles.Contributor));
        var early = await SubmittedProposalAsync(bed, target, await bed.UserAsync(PortalRoles.Contributor), d => d.Summary = NewSummary);
        var lateProposer = await bed.UserAsync(PortalRoles.Contributor);
        var late = await SubmittedProposalAsync(bed, target, lateProposer, d => d.BodyMarkdown += "\nSeen again on 2026-11-22.\n");
        await bed.DecideAsync(early, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.DecideAsync(late, reviewer, ReviewDecision.Approve));

        Assert.Contains("written against version 1", refused.Message);
        Assert.Contains("Request changes instead", refused.Message);
        Assert.Equal(ContentStatus.InReview, (await bed.ReportAsync(late)).Status);
        Assert.Equal(2, (await bed.ReportAsync(target)).Version);

        await bed.DecideAsync(late, reviewer, ReviewDecision.RequestChanges, "Version 2 was published meanwhile; resubmit against it.");
        var editable = await bed.Workflow.OpenForEditAsync(late, lateProposer);
        var saved = await bed.Workflow.SaveDraftAsync(late, editable.ConcurrencyStamp, editable.Draft, lateProposer);
        await bed.Workflow.SubmitAsync(late, saved.ConcurrencyStamp, lateProposer);
        Assert.Equal(2, (await bed.ReportAsync(late)).ProposalBaseVersion);

        var outcome = await bed.DecideAsync(late, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);

        Assert.Equal(ContentStatus.Merged, outcome.Status);
        var published = await bed.ReportAsync(target);
        Assert.Equal(3, published.Version);
        Assert.EndsWith("Seen again on 2026-11-22.\n", published.BodyMarkdown);
    }

    [Theory]
    [InlineData(ReviewDecision.Reject)]
    [InlineData(ReviewDecision.RequestChanges)]
    public async Task A_proposal_that_is_not_accepted_leaves_the_published_report_untouched(ReviewDecision decision)
    {
        var bed = await BedAsync();
        var target = await PublishedAsync(bed, await bed.UserAsync(PortalRoles.Contributor));
        var before = await FullAsync(bed, target);
        var proposal = await SubmittedProposalAsync(bed, target, await bed.UserAsync(PortalRoles.Contributor), d =>
        {
            d.Summary = NewSummary;
            d.Indicators.Add(new DraftIndicator { Type = IndicatorType.PickleImport, Value = "builtins.eval" });
        });

        await bed.DecideAsync(proposal, await bed.UserAsync(PortalRoles.Reviewer), decision, "Not supported by the evidence.");

        var after = await FullAsync(bed, target);
        Assert.Equal((before.Version, before.Summary, before.ConcurrencyStamp), (after.Version, after.Summary, after.ConcurrencyStamp));
        Assert.Equal(before.Indicators.Select(l => l.IndicatorId), after.Indicators.Select(l => l.IndicatorId));
        await using var db = bed.Db();
        Assert.Equal(1, await db.ReportVersions.CountAsync(v => v.ReportId == target));
        Assert.False(await db.Indicators.AnyAsync(i => i.NormalizedValue == "builtins.eval" && i.Status == ContentStatus.Published));
    }

    [Fact]
    public async Task A_proposal_row_is_never_published_itself()
    {
        var bed = await BedAsync();
        var target = await PublishedAsync(bed, await bed.UserAsync(PortalRoles.Contributor));
        var proposal = await SubmittedProposalAsync(bed, target, await bed.UserAsync(PortalRoles.Contributor), d => d.Summary = NewSummary);
        await bed.DecideAsync(proposal, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);

        await using var db = bed.Db();
        var proposals = await db.Reports.Where(r => r.ProposalForId == target).ToListAsync();
        Assert.All(proposals, p => Assert.NotEqual(ContentStatus.Published, p.Status));
        Assert.All(proposals, p => Assert.Null(p.PublishedAt));
        Assert.False(await db.Reports.AnyAsync(r => r.ProposalForId != null && r.Status == ContentStatus.Published));
        // What a published listing reads for this title: the report alone, at its new version.
        var listed = await db.Reports.Where(r => r.Status == ContentStatus.Published && (r.Id == target || r.ProposalForId == target)).ToListAsync();
        Assert.Equal(2, Assert.Single(listed).Version);
    }

    [Fact]
    public async Task The_published_reports_author_hears_of_a_proposal_and_its_acceptance_and_the_proposer_of_the_decision()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var target = await PublishedAsync(bed, author);
        var proposer = await bed.UserAsync(PortalRoles.Contributor);
        var proposal = await SubmittedProposalAsync(bed, target, proposer, d => d.Summary = NewSummary);

        Assert.Equal([(NotificationKinds.ProposalSubmitted, target)], await NoticesAsync(bed, author, since: 1));

        await bed.DecideAsync(proposal, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);

        Assert.Equal([(NotificationKinds.ProposalAccepted, target)], await NoticesAsync(bed, author, since: 2));
        var toProposer = Assert.Single(await NoticesAsync(bed, proposer, since: 0));
        Assert.Equal((NotificationKinds.StatusChanged, target), toProposer);
        await using var db = bed.Db();
        var messages = await db.Notifications.Where(n => n.UserId == author).OrderBy(n => n.CreatedAt).Select(n => n.Message).ToListAsync();
        Assert.Contains(messages, m => m.StartsWith("Workflow test user proposed a change to \"Poisoned checkpoint", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.EndsWith("was accepted; it is now version 2.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_author_proposing_to_their_own_report_is_not_notified_of_their_own_proposal()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var target = await PublishedAsync(bed, author);
        var before = await NoticesAsync(bed, author, since: 0);

        var proposal = await SubmittedProposalAsync(bed, target, author, d => d.Summary = NewSummary);
        await bed.DecideAsync(proposal, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);

        var after = await NoticesAsync(bed, author, since: 0);
        Assert.Equal([(NotificationKinds.StatusChanged, target)], after.Skip(before.Count));
    }

    [Fact]
    public async Task A_request_for_changes_on_a_proposal_tells_the_proposer_and_lets_them_resubmit()
    {
        var bed = await BedAsync();
        var target = await PublishedAsync(bed, await bed.UserAsync(PortalRoles.Contributor));
        var proposer = await bed.UserAsync(PortalRoles.Contributor);
        var proposal = await SubmittedProposalAsync(bed, target, proposer, d => d.Summary = NewSummary);

        await bed.DecideAsync(proposal, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.RequestChanges, "Cite the hub's notice.");

        var notice = Assert.Single(await NoticesAsync(bed, proposer, since: 0));
        Assert.Equal((NotificationKinds.StatusChanged, proposal), notice);
        var editable = await bed.Workflow.OpenForEditAsync(proposal, proposer);
        Assert.Equal(ContentStatus.ChangesRequested, editable.Status);
        Assert.NotNull(editable.ProposalFor);
    }

    [Fact]
    public async Task A_reviewer_may_discuss_a_proposal_in_review_and_the_proposer_is_told()
    {
        var bed = await BedAsync();
        var settings = await databases.SharedMigratedAsync();
        var discussion = new DiscussionService(TestContexts.Factory(settings), TimeProvider.System);
        var target = await PublishedAsync(bed, await bed.UserAsync(PortalRoles.Contributor));
        var proposer = await bed.UserAsync(PortalRoles.Contributor);
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);
        var proposal = await SubmittedProposalAsync(bed, target, proposer, d => d.Summary = NewSummary);

        Assert.True(await discussion.MayCommentAsync(proposal, reviewer, Tlp.Green));
        await discussion.AddCommentAsync(proposal, reviewer, Tlp.Green, "Which hub notice says it was removed?");

        Assert.Equal(["Which hub notice says it was removed?"], (await discussion.CommentsAsync(proposal)).Select(c => c.Body));
        Assert.Equal([(NotificationKinds.Commented, proposal)], await NoticesAsync(bed, proposer, since: 0));
    }

    /// <summary>A complete report by <paramref name="authorId"/>, submitted and approved: Published at version 1.</summary>
    private static async Task<Guid> PublishedAsync(WorkflowTestBed bed, string authorId, Tlp tlp = Tlp.Green, int approvals = 1)
    {
        var submitted = await bed.SubmittedAsync(authorId, tlp);
        for (var i = 0; i < approvals; i++)
        {
            // Curators are cleared for every marking, so one of them can publish above GREEN.
            var reviewer = tlp > Tlp.Green ? await bed.UserAsync(PortalRoles.Reviewer, PortalRoles.Curator) : await bed.UserAsync(PortalRoles.Reviewer);
            await bed.DecideAsync(submitted.ReportId, reviewer, ReviewDecision.Approve);
        }

        Assert.Equal(ContentStatus.Published, (await bed.ReportAsync(submitted.ReportId)).Status);
        return submitted.ReportId;
    }

    /// <summary>Proposes, edits the copy with <paramref name="edit"/>, saves and submits it, as the editor would.</summary>
    private static async Task<Guid> SubmittedProposalAsync(WorkflowTestBed bed, Guid target, string proposer, Action<ReportDraft> edit)
    {
        var proposalId = await bed.Workflow.ProposeAsync(target, proposer);
        var editable = await bed.Workflow.OpenForEditAsync(proposalId, proposer);
        edit(editable.Draft);
        var saved = await bed.Workflow.SaveDraftAsync(proposalId, editable.ConcurrencyStamp, editable.Draft, proposer);
        await bed.Workflow.SubmitAsync(proposalId, saved.ConcurrencyStamp, proposer);
        return proposalId;
    }

    private static async Task<ThreatReport> FullAsync(WorkflowTestBed bed, Guid reportId)
    {
        await using var db = bed.Db();
        return await db.Reports.AsNoTracking()
            .Include(r => r.References).Include(r => r.Techniques).Include(r => r.Indicators).ThenInclude(l => l.Indicator)
            .AsSplitQuery()
            .SingleAsync(r => r.Id == reportId);
    }

    /// <summary>The user's notifications in order, skipping the first <paramref name="since"/>, as (kind, report).</summary>
    private static async Task<List<(string Kind, Guid ReportId)>> NoticesAsync(WorkflowTestBed bed, string userId, int since)
    {
        await using var db = bed.Db();
        var rows = await db.Notifications.Where(n => n.UserId == userId).ToListAsync();
        return rows.OrderBy(n => n.CreatedAt).Skip(since).Select(n => (n.Kind, n.ReportId)).ToList();
    }
}

public sealed class SqliteProposalWorkflowTests(SqliteDatabases databases)
    : ProposalWorkflowTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresProposalWorkflowTests(PostgresDatabases databases)
    : ProposalWorkflowTests(databases), IClassFixture<PostgresDatabases>;
