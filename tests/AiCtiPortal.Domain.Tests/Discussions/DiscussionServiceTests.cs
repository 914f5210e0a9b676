using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Discussions;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Domain.Tests.Reviews;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Discussions;

/// <summary>Comments and notifications on a real database (SQLite and PostgreSQL through the derived classes).</summary>
public abstract class DiscussionServiceTests(ITestDatabases databases)
{
    private async Task<(WorkflowTestBed Bed, DiscussionService Discussion)> BedAsync()
    {
        var settings = await databases.SharedMigratedAsync();
        var bed = new WorkflowTestBed(settings, new ReviewOptions { Quorum = 1, ClearQuorum = 1 });
        return (bed, new DiscussionService(TestContexts.Factory(settings), TimeProvider.System));
    }

    [Fact]
    public async Task A_comment_notifies_the_author_but_not_the_commenter()
    {
        var (bed, discussion) = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);
        var report = await bed.SubmittedAsync(author);

        await discussion.AddCommentAsync(report.ReportId, reviewer, Tlp.Green, "  Which **loader** runs it?  ");
        // A second comment by the same person: they are now an earlier commenter, and still not told of their own words.
        await discussion.AddCommentAsync(report.ReportId, reviewer, Tlp.Green, "And which version?");

        var comments = await discussion.CommentsAsync(report.ReportId);
        Assert.Equal(["Which **loader** runs it?", "And which version?"], comments.Select(c => c.Body));
        var toAuthor = await discussion.NotificationsAsync(author);
        Assert.Equal(2, toAuthor.Count);
        Assert.All(toAuthor, n => Assert.Equal(NotificationKinds.Commented, n.Kind));
        Assert.All(toAuthor, n => Assert.Equal(report.ReportId, n.ReportId));
        Assert.Empty(await discussion.NotificationsAsync(reviewer));
        await using var db = bed.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == report.ReportId.ToString() && a.Action == "Comment" && a.ActorId == reviewer));
    }

    [Fact]
    public async Task A_reply_by_the_author_notifies_earlier_commenters_and_not_the_author()
    {
        var (bed, discussion) = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);
        var report = await bed.SubmittedAsync(author);
        await discussion.AddCommentAsync(report.ReportId, reviewer, Tlp.Green, "Which loader runs it?");

        await discussion.AddCommentAsync(report.ReportId, author, Tlp.Green, "torch.load with weights_only off.");

        Assert.Single(await discussion.NotificationsAsync(reviewer));
        Assert.Single(await discussion.NotificationsAsync(author));
    }

    [Fact]
    public async Task Request_changes_notifies_the_author()
    {
        var (bed, discussion) = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);
        var report = await bed.SubmittedAsync(author);

        await bed.DecideAsync(report.ReportId, reviewer, ReviewDecision.RequestChanges, "Add the file hash.");

        var notice = Assert.Single(await discussion.NotificationsAsync(author));
        Assert.Equal(NotificationKinds.StatusChanged, notice.Kind);
        Assert.Contains("requested changes", notice.Message);
        Assert.Equal(1, await discussion.UnreadCountAsync(author));
        Assert.Empty(await discussion.NotificationsAsync(reviewer));
    }

    [Fact]
    public async Task Publishing_notifies_the_author_and_mark_all_read_clears_the_count()
    {
        var (bed, discussion) = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var report = await bed.SubmittedAsync(author);

        await bed.DecideAsync(report.ReportId, await bed.UserAsync(PortalRoles.Reviewer), ReviewDecision.Approve);

        var notice = Assert.Single(await discussion.NotificationsAsync(author));
        Assert.Equal(NotificationKinds.StatusChanged, notice.Kind);
        Assert.Contains("was published", notice.Message);
        Assert.Equal(1, await discussion.MarkAllReadAsync(author));
        Assert.Equal(0, await discussion.UnreadCountAsync(author));
        Assert.NotNull(Assert.Single(await discussion.NotificationsAsync(author)).ReadAt);
    }

    [Fact]
    public async Task An_empty_comment_is_refused()
    {
        var (bed, discussion) = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var report = await bed.SubmittedAsync(author);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(
            () => discussion.AddCommentAsync(report.ReportId, author, Tlp.Green, "   \n "));

        Assert.Contains("Write a comment", refused.Message);
        Assert.Empty(await discussion.CommentsAsync(report.ReportId));
    }

    [Fact]
    public async Task A_comment_over_the_limit_is_refused()
    {
        var (bed, discussion) = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var report = await bed.SubmittedAsync(author);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(
            () => discussion.AddCommentAsync(report.ReportId, author, Tlp.Green, new string('x', Comment.MaxBodyLength + 1)));

        Assert.Contains("the limit is", refused.Message);
        Assert.Empty(await discussion.CommentsAsync(report.ReportId));
    }

    [Fact]
    public async Task A_user_who_cannot_see_a_report_cannot_comment_on_it()
    {
        var (bed, discussion) = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var consumer = await bed.UserAsync(PortalRoles.Consumer);
        var otherContributor = await bed.UserAsync(PortalRoles.Contributor);
        var draft = await bed.Workflow.SaveDraftAsync(null, null, WorkflowTestBed.CompleteDraft(), author);

        // A draft is the author's alone; an in-review report is for reviewers, not other contributors.
        await Assert.ThrowsAsync<WorkflowRuleException>(
            () => discussion.AddCommentAsync(draft.ReportId, consumer, Tlp.Red, "Interesting."));
        var inReview = await bed.SubmittedAsync(author);
        await Assert.ThrowsAsync<WorkflowRuleException>(
            () => discussion.AddCommentAsync(inReview.ReportId, otherContributor, Tlp.Green, "Interesting."));

        Assert.Empty(await discussion.CommentsAsync(draft.ReportId));
        Assert.Empty(await discussion.CommentsAsync(inReview.ReportId));
        Assert.Empty(await discussion.NotificationsAsync(author));
    }

    [Fact]
    public async Task A_consumer_may_comment_on_a_published_report_within_their_clearance_only()
    {
        var (bed, discussion) = await BedAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var consumer = await bed.UserAsync(PortalRoles.Consumer);
        var report = await bed.SubmittedAsync(author, Tlp.Amber);
        await bed.DecideAsync(report.ReportId, await bed.ClearedReviewerAsync(Tlp.Amber), ReviewDecision.Approve);

        await Assert.ThrowsAsync<WorkflowRuleException>(
            () => discussion.AddCommentAsync(report.ReportId, consumer, Tlp.Green, "Seen this too."));
        await discussion.AddCommentAsync(report.ReportId, consumer, Tlp.Amber, "Seen this too.");

        Assert.Single(await discussion.CommentsAsync(report.ReportId));
        Assert.True(await discussion.MayCommentAsync(report.ReportId, consumer, Tlp.Amber));
        Assert.False(await discussion.MayCommentAsync(report.ReportId, consumer, Tlp.Green));
    }
}

public sealed class SqliteDiscussionServiceTests(SqliteDatabases databases)
    : DiscussionServiceTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresDiscussionServiceTests(PostgresDatabases databases)
    : DiscussionServiceTests(databases), IClassFixture<PostgresDatabases>;
