using System.Net;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>Contribution and review through the real host, once per database provider.</summary>
public abstract class ReviewScenarios(PortalFactory factory)
{
    private const string Password = "Correct-Horse-42";
    private static readonly RubricScores Scores = new(4, 4, 4, 3, 4);

    private ReportWorkflow Workflow => factory.Services.GetRequiredService<ReportWorkflow>();

    [Fact]
    public async Task A_contributor_cannot_open_the_review_queue()
    {
        var contributor = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(contributor.Email!, Password);

        var response = await client.GetAsync("/reviews");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.RedirectPath());
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_the_editor_and_the_queue()
    {
        var client = factory.CreatePortalClient();

        foreach (var url in new[] { "/reviews", "/reports/new", "/my/submissions" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.RedirectPath());
        }
    }

    [Fact]
    public async Task A_reviewer_does_not_see_their_own_submission_in_the_queue_and_cannot_decide_on_it()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var reviewer = await factory.CreateUserAsync(Password, PortalRoles.Contributor, PortalRoles.Reviewer);
        var other = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var own = await factory.SubmitReportAsync(reviewer.Id, $"Own submission {marker}");
        await factory.SubmitReportAsync(other.Id, $"Someone else's submission {marker}");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(reviewer.Email!, Password);

        var queue = await (await client.GetAsync("/reviews")).Content.ReadAsStringAsync();
        var reviewPage = await (await client.GetAsync($"/reviews/{own}")).Content.ReadAsStringAsync();
        var stamp = await factory.ReportStampAsync(own);
        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => Workflow.DecideAsync(
            new ReviewRequest(own, stamp, reviewer.Id, ReviewDecision.Approve, null, Scores)));

        Assert.Contains($"Someone else&#x27;s submission {marker}", queue);
        Assert.DoesNotContain($"Own submission {marker}", queue);
        Assert.Contains("data-testid=\"review-refused\"", reviewPage);
        Assert.DoesNotContain("data-testid=\"review-form\"", reviewPage);
        Assert.Contains("cannot review your own report", refused.Message);
    }

    [Fact]
    public async Task Submit_request_changes_resubmit_and_approve_by_a_second_reviewer_publishes_the_report()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var reviewer1 = await factory.UserIdAsync("reviewer@demo.aicti.local");
        var reviewer2 = await factory.UserIdAsync("reviewer2@demo.aicti.local");
        var reportId = await factory.SubmitReportAsync(author.Id, $"Review loop {marker}");

        await Workflow.DecideAsync(new ReviewRequest(reportId, await factory.ReportStampAsync(reportId), reviewer1,
            ReviewDecision.RequestChanges, "Name the malicious import.", Scores));
        var authorClient = factory.CreatePortalClient();
        await authorClient.SignInAsync(author.Email!, Password);
        var submissions = await (await authorClient.GetAsync("/my/submissions")).Content.ReadAsStringAsync();
        Assert.Contains("Name the malicious import.", submissions);

        var editable = await Workflow.OpenForEditAsync(reportId, author.Id);
        editable.Draft.BodyMarkdown += "\nThe import is `posix.system`.\n";
        var saved = await Workflow.SaveDraftAsync(reportId, editable.ConcurrencyStamp, editable.Draft, author.Id);
        await Workflow.SubmitAsync(reportId, saved.ConcurrencyStamp, author.Id);

        var reviewerClient = factory.CreatePortalClient();
        await reviewerClient.SignInAsync("reviewer2@demo.aicti.local", PortalClient.DemoPassword);
        var reviewPage = await (await reviewerClient.GetAsync($"/reviews/{reportId}")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"body-diff\"", reviewPage);
        Assert.Contains("The import is", reviewPage);

        var outcome = await Workflow.DecideAsync(new ReviewRequest(reportId, await factory.ReportStampAsync(reportId), reviewer2,
            ReviewDecision.Approve, null, Scores));

        Assert.Equal(ContentStatus.Published, outcome.Status);
        var reader = factory.CreatePortalClient();
        await reader.SignInAsync("consumer@demo.aicti.local", PortalClient.DemoPassword);
        var list = await (await reader.GetAsync("/reports")).Content.ReadAsStringAsync();
        Assert.Contains($"Review loop {marker}", list);
    }

    [Fact]
    public async Task The_editor_and_my_submissions_render_for_a_signed_in_contributor()
    {
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var draft = await Workflow.SaveDraftAsync(null, null, new ReportDraft { Title = "Half-written draft" }, author.Id);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(author.Email!, Password);

        var editor = await client.GetAsync($"/reports/{draft.ReportId}/edit");
        var blank = await client.GetAsync("/reports/new");
        var mine = await (await client.GetAsync("/my/submissions")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, editor.StatusCode);
        Assert.Contains("Half-written draft", await editor.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("Submit for review", await blank.Content.ReadAsStringAsync());
        Assert.Contains("Half-written draft", mine);
    }
}

public sealed class SqliteReviewScenarios(SqlitePortalFactory factory)
    : ReviewScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresReviewScenarios(PostgresPortalFactory factory)
    : ReviewScenarios(factory), IClassFixture<PostgresPortalFactory>;
