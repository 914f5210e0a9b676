using System.Text.Json;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Reviews;

/// <summary>The review workflow's rules, on a real database (SQLite and PostgreSQL through the derived classes).</summary>
public abstract class ReportWorkflowTests(ITestDatabases databases)
{
    private async Task<WorkflowTestBed> BedAsync(ReviewOptions? options = null) =>
        new(await databases.SharedMigratedAsync(), options);

    [Fact]
    public async Task Reviewer_cannot_review_own_submission()
    {
        var bed = await BedAsync();
        var reviewerAuthor = await bed.UserAsync(PortalRoles.Contributor, PortalRoles.Reviewer);
        var report = await bed.SubmittedAsync(reviewerAuthor);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(
            () => bed.DecideAsync(report.ReportId, reviewerAuthor, ReviewDecision.Approve));

        Assert.Contains("cannot review your own report", refused.Message);
        Assert.Equal(ContentStatus.InReview, (await bed.ReportAsync(report.ReportId)).Status);
        await using var db = bed.Db();
        Assert.False(await db.Reviews.AnyAsync(r => r.ReportId == report.ReportId));
    }

    [Fact]
    public async Task Consumers_cannot_write_reports_even_past_the_pages()
    {
        var bed = await BedAsync();
        var consumer = await bed.UserAsync(PortalRoles.Consumer);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(
            () => bed.Workflow.SaveDraftAsync(null, null, WorkflowTestBed.CompleteDraft(), consumer));

        Assert.Contains("Only contributors can write reports", refused.Message);
        await using var db = bed.Db();
        Assert.False(await db.Reports.AnyAsync(r => r.AuthorId == consumer));
    }

    [Fact]
    public async Task Contributors_who_are_not_reviewers_cannot_decide()
    {
        var bed = await BedAsync();
        var report = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor));
        var contributor = await bed.UserAsync(PortalRoles.Contributor);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(
            () => bed.DecideAsync(report.ReportId, contributor, ReviewDecision.Approve));

        Assert.Equal("Only reviewers can decide on reports.", refused.Message);
    }

    [Fact]
    public async Task Only_reviewers_cleared_through_an_organisation_decide_on_an_AMBER_submission()
    {
        var bed = await BedAsync();
        var report = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor), Tlp.Amber);
        var greenReviewer = await bed.UserAsync(PortalRoles.Reviewer);
        var amberReviewer = await bed.ClearedReviewerAsync(Tlp.Amber);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(
            () => bed.DecideAsync(report.ReportId, greenReviewer, ReviewDecision.Approve));
        var outcome = await bed.DecideAsync(report.ReportId, amberReviewer, ReviewDecision.Approve);

        Assert.Contains("TLP:AMBER, above your clearance", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ContentStatus.Published, outcome.Status);
    }

    [Fact]
    public async Task A_TLP_CLEAR_report_needs_two_approvals_and_then_publishes_with_its_indicators()
    {
        var bed = await BedAsync();
        var report = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor), Tlp.Clear);

        var first = await bed.DecideAsync(report.ReportId, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);
        Assert.Equal(new ReviewOutcome(ContentStatus.InReview, 1, 2), first);
        Assert.Null((await bed.ReportAsync(report.ReportId)).PublishedAt);

        var second = await bed.DecideAsync(report.ReportId, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);

        Assert.Equal(new ReviewOutcome(ContentStatus.Published, 2, 2), second);
        var published = await bed.ReportAsync(report.ReportId);
        Assert.Equal(ContentStatus.Published, published.Status);
        Assert.NotNull(published.PublishedAt);
        Assert.All(published.Indicators, l => Assert.Equal(ContentStatus.Published, l.Indicator!.Status));
        Assert.NotEmpty(published.Indicators);
    }

    [Fact]
    public async Task A_TLP_GREEN_report_publishes_on_the_default_quorum_of_one()
    {
        var bed = await BedAsync();
        var report = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor), Tlp.Green);

        var outcome = await bed.DecideAsync(report.ReportId, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);

        Assert.Equal(new ReviewOutcome(ContentStatus.Published, 1, 1), outcome);
    }

    [Fact]
    public async Task The_quorum_comes_from_the_options()
    {
        var bed = await BedAsync(new ReviewOptions { Quorum = 2, ClearQuorum = 3 });
        var report = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor), Tlp.Green);

        var outcome = await bed.DecideAsync(report.ReportId, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);

        Assert.Equal(new ReviewOutcome(ContentStatus.InReview, 1, 2), outcome);
        Assert.Equal(3, bed.Workflow.QuorumFor(Tlp.Clear));
    }

    [Fact]
    public async Task Request_changes_then_resubmit_then_approve_publishes_the_second_version()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var reviewer1 = await bed.UserAsync(PortalRoles.Reviewer);
        var reviewer2 = await bed.UserAsync(PortalRoles.Reviewer);
        var report = await bed.SubmittedAsync(author);

        var sentBack = await bed.DecideAsync(report.ReportId, reviewer1, ReviewDecision.RequestChanges, "Add the file's SHA-256.");
        Assert.Equal(ContentStatus.ChangesRequested, sentBack.Status);

        var editable = await bed.Workflow.OpenForEditAsync(report.ReportId, author);
        editable.Draft.BodyMarkdown += "\nSHA-256 added.\n";
        var saved = await bed.Workflow.SaveDraftAsync(report.ReportId, editable.ConcurrencyStamp, editable.Draft, author);
        var resubmitted = await bed.Workflow.SubmitAsync(report.ReportId, saved.ConcurrencyStamp, author);
        Assert.Equal(ContentStatus.InReview, resubmitted.Status);
        Assert.Equal(2, (await bed.ReportAsync(report.ReportId)).Version);

        var approved = await bed.DecideAsync(report.ReportId, reviewer2, ReviewDecision.Approve);

        Assert.Equal(ContentStatus.Published, approved.Status);
        await using var db = bed.Db();
        var versions = await db.ReportVersions.Where(v => v.ReportId == report.ReportId).OrderBy(v => v.Number).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.EndsWith("SHA-256 added.\n", ReportSnapshot.FromJson(versions[1].SnapshotJson).BodyMarkdown);
        var reviews = await db.Reviews.Where(r => r.ReportId == report.ReportId).OrderBy(r => r.ReportVersion).ToListAsync();
        Assert.Equal([(1, ReviewDecision.RequestChanges), (2, ReviewDecision.Approve)], reviews.Select(r => (r.ReportVersion, r.Decision)));
    }

    [Fact]
    public async Task Two_reviewers_deciding_on_the_same_state_produce_exactly_one_conflict()
    {
        var bed = await BedAsync();
        var report = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor), Tlp.Clear);
        var reviewer1 = await bed.UserAsync(PortalRoles.Reviewer);
        var reviewer2 = await bed.UserAsync(PortalRoles.Reviewer);
        var stampBothRead = await bed.StampAsync(report.ReportId);

        await bed.Workflow.DecideAsync(new ReviewRequest(
            report.ReportId, stampBothRead, reviewer1, ReviewDecision.Approve, null, WorkflowTestBed.GoodScores));
        var conflict = await Assert.ThrowsAsync<WorkflowConflictException>(() => bed.Workflow.DecideAsync(new ReviewRequest(
            report.ReportId, stampBothRead, reviewer2, ReviewDecision.Approve, null, WorkflowTestBed.GoodScores)));

        Assert.Equal("Another reviewer decided on this report while you were reviewing; reload to see their decision.", conflict.Message);
        await using var db = bed.Db();
        Assert.Equal([reviewer1], await db.Reviews.Where(r => r.ReportId == report.ReportId).Select(r => r.ReviewerId).ToListAsync());
        Assert.Equal(ContentStatus.InReview, (await bed.ReportAsync(report.ReportId)).Status);
    }

    [Fact]
    public async Task Simultaneous_decisions_never_both_win()
    {
        var bed = await BedAsync();
        var report = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor), Tlp.Green);
        var reviewers = new[] { await bed.UserAsync(PortalRoles.Reviewer), await bed.UserAsync(PortalRoles.Reviewer) };
        var stamp = await bed.StampAsync(report.ReportId);

        var attempts = reviewers.Select(reviewer => Task.Run(() => bed.Workflow.DecideAsync(new ReviewRequest(
            report.ReportId, stamp, reviewer, ReviewDecision.Approve, null, WorkflowTestBed.GoodScores)))).ToList();
        var outcomes = new List<Exception?>();
        foreach (var attempt in attempts)
        {
            outcomes.Add(await Record.ExceptionAsync(() => attempt));
        }

        // Whoever lost may have lost at the stamp check or at the UPDATE; either way it is a conflict, and one won.
        Assert.Single(outcomes, e => e is null);
        Assert.Single(outcomes, e => e is WorkflowConflictException);
        await using var db = bed.Db();
        Assert.Equal(1, await db.Reviews.CountAsync(r => r.ReportId == report.ReportId));
    }

    [Theory]
    [InlineData(ReviewDecision.RequestChanges)]
    [InlineData(ReviewDecision.Reject)]
    public async Task A_comment_is_required_to_request_changes_or_reject(ReviewDecision decision)
    {
        var bed = await BedAsync();
        var report = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor));
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(
            () => bed.DecideAsync(report.ReportId, reviewer, decision, "   "));

        Assert.Contains("A comment is required", refused.Message);
        Assert.Equal(ContentStatus.InReview, (await bed.ReportAsync(report.ReportId)).Status);
    }

    [Fact]
    public async Task Every_rubric_score_must_be_between_1_and_5()
    {
        var bed = await BedAsync();
        var report = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor));
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);

        var stamp = await bed.StampAsync(report.ReportId);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Workflow.DecideAsync(new ReviewRequest(
            report.ReportId, stamp, reviewer, ReviewDecision.Approve, null, new RubricScores(0, 3, 6, 3, 3))));

        Assert.Contains("Evidence", refused.Errors.Single());
        Assert.Contains("Correctness", refused.Errors.Single());
    }

    [Fact]
    public async Task A_rejection_wins_over_pending_approvals_and_a_later_approval_is_refused()
    {
        var bed = await BedAsync();
        var report = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor), Tlp.Clear);
        await bed.DecideAsync(report.ReportId, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);

        var rejected = await bed.DecideAsync(report.ReportId, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Reject, "Duplicate of an older report.");
        var lateReviewer = await bed.UserAsync(PortalRoles.Reviewer);
        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(
            () => bed.DecideAsync(report.ReportId, lateReviewer, ReviewDecision.Approve));

        Assert.Equal(ContentStatus.Rejected, rejected.Status);
        Assert.Contains("was already rejected by another reviewer", refused.Message);
        Assert.Equal(ContentStatus.Rejected, (await bed.ReportAsync(report.ReportId)).Status);
    }

    [Fact]
    public async Task A_reviewer_decides_once_per_version()
    {
        var bed = await BedAsync();
        var report = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor), Tlp.Clear);
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);
        await bed.DecideAsync(report.ReportId, reviewer, ReviewDecision.Approve);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.DecideAsync(report.ReportId, reviewer, ReviewDecision.Approve));

        Assert.Equal("You already decided on version 1 of this report.", refused.Message);
    }

    [Fact]
    public async Task Submit_lists_every_missing_field_and_leaves_the_draft_as_it_was()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var draft = new ReportDraft { Title = "Only a title", Indicators = [new DraftIndicator { Type = AiCtiPortal.Domain.Indicators.IndicatorType.ModelFileSha256, Value = "not-a-hash" }] };
        var saved = await bed.Workflow.SaveDraftAsync(null, null, draft, author);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Workflow.SubmitAsync(saved.ReportId, saved.ConcurrencyStamp, author));

        Assert.Contains("Summary is required.", refused.Errors);
        Assert.Contains("Body is required.", refused.Errors);
        Assert.Contains("Choose at least one supply-chain phase.", refused.Errors);
        Assert.Contains(refused.Errors, e => e.StartsWith("Indicator 1", StringComparison.Ordinal));
        var stored = await bed.ReportAsync(saved.ReportId);
        Assert.Equal(ContentStatus.Draft, stored.Status);
        Assert.Equal("not-a-hash", Assert.Single(stored.Indicators).Indicator!.Value);
    }

    [Fact]
    public async Task Only_the_author_or_a_curator_can_edit_a_draft()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var saved = await bed.Workflow.SaveDraftAsync(null, null, WorkflowTestBed.CompleteDraft(), author);
        var stranger = await bed.UserAsync(PortalRoles.Contributor, PortalRoles.Reviewer);
        var curator = await bed.UserAsync(PortalRoles.Curator);

        await Assert.ThrowsAsync<WorkflowRuleException>(
            () => bed.Workflow.SaveDraftAsync(saved.ReportId, null, WorkflowTestBed.CompleteDraft(), stranger));
        var byCurator = await bed.Workflow.SaveDraftAsync(saved.ReportId, saved.ConcurrencyStamp, WorkflowTestBed.CompleteDraft(), curator);

        Assert.NotEqual(saved.ConcurrencyStamp, byCurator.ConcurrencyStamp);
    }

    [Fact]
    public async Task A_save_from_a_stale_editor_is_refused_as_a_conflict()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var first = await bed.Workflow.SaveDraftAsync(null, null, WorkflowTestBed.CompleteDraft(), author);
        await bed.Workflow.SaveDraftAsync(first.ReportId, first.ConcurrencyStamp, WorkflowTestBed.CompleteDraft(), author);

        await Assert.ThrowsAsync<WorkflowConflictException>(
            () => bed.Workflow.SaveDraftAsync(first.ReportId, first.ConcurrencyStamp, WorkflowTestBed.CompleteDraft(), author));
    }

    [Fact]
    public async Task Every_transition_writes_an_audit_entry_with_before_and_after_status()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);
        var report = await bed.SubmittedAsync(author);
        await bed.DecideAsync(report.ReportId, reviewer, ReviewDecision.Approve);

        await using var db = bed.Db();
        var entries = await db.AuditEntries
            .Where(a => a.EntityType == "Report" && a.EntityId == report.ReportId.ToString())
            .OrderBy(a => a.At).ThenBy(a => a.Action)
            .ToListAsync();

        Assert.Equal(["Create", "Submit", "Publish", "Review.Approve"], entries.Select(e => e.Action));
        Assert.Equal([author, author, reviewer, reviewer], entries.Select(e => e.ActorId));
        var submit = entries[1];
        Assert.Equal("Draft", Status(submit.BeforeJson));
        Assert.Equal("InReview", Status(submit.AfterJson));
        var decision = entries[3];
        Assert.Equal("InReview", Status(decision.BeforeJson));
        Assert.Equal("Published", Status(decision.AfterJson));
    }

    private static string? Status(string? json) =>
        JsonDocument.Parse(json!).RootElement.GetProperty("status").GetString();
}

public sealed class SqliteReportWorkflowTests(SqliteDatabases databases)
    : ReportWorkflowTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresReportWorkflowTests(PostgresDatabases databases)
    : ReportWorkflowTests(databases), IClassFixture<PostgresDatabases>;
