using System.Net;
using System.Text.RegularExpressions;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Discussions;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>Discussion comments and in-app notifications through the real host, once per database provider.</summary>
public abstract partial class DiscussionScenarios(PortalFactory factory)
{
    private const string Password = "Correct-Horse-42";
    private static readonly RubricScores Scores = new(4, 4, 4, 3, 4);

    private ReportWorkflow Workflow => factory.Services.GetRequiredService<ReportWorkflow>();

    private DiscussionService Discussion => factory.Services.GetRequiredService<DiscussionService>();

    [Fact]
    public async Task The_author_sees_a_reviewers_decision_on_the_notifications_page_and_the_unread_count_in_the_layout()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var reportId = await factory.SubmitReportAsync(author.Id, $"Notified report {marker}");
        var reviewer = await factory.UserIdAsync("reviewer@demo.aicti.local");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(author.Email!, Password);
        Assert.Equal(0, UnreadCount(await (await client.GetAsync("/")).Content.ReadAsStringAsync()));

        await Workflow.DecideAsync(new ReviewRequest(reportId, await factory.ReportStampAsync(reportId), reviewer,
            ReviewDecision.RequestChanges, "Name the malicious import.", Scores));

        var response = await client.GetAsync("/notifications");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"A reviewer requested changes to &quot;Notified report {marker}&quot;.", page);
        Assert.Contains($"href=\"reports/{reportId}\"", page);
        Assert.Contains("Mark all read", page);
        Assert.Equal(1, UnreadCount(page));

        await Discussion.MarkAllReadAsync(author.Id);
        Assert.Equal(0, UnreadCount(await (await client.GetAsync("/")).Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_report_page_shows_the_discussion_as_safe_markdown_and_the_form_to_its_author()
    {
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var reportId = await factory.SubmitReportAsync(author.Id, "Discussed report");
        await Discussion.AddCommentAsync(reportId, author.Id, Tlp.Green, "Loader is **torch.load** <script>alert(1)</script>");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(author.Email!, Password);

        var page = await (await client.GetAsync($"/reports/{reportId}")).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"discussion\"", page);
        Assert.Contains("<strong>torch.load</strong>", page);
        Assert.DoesNotContain("<script>alert(1)</script>", page);
        Assert.Contains("data-testid=\"comment-form\"", page);
        Assert.Contains("Post comment", page);
    }

    [Fact]
    public async Task Anonymous_visitors_see_no_bell_and_no_comment_form()
    {
        var client = factory.CreatePortalClient();
        var reportId = await PublishedClearReportAsync();

        var home = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var report = await (await client.GetAsync($"/reports/{reportId}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("data-testid=\"notification-count\"", home);
        Assert.Contains("data-testid=\"discussion\"", report);
        Assert.DoesNotContain("data-testid=\"comment-form\"", report);
    }

    private static int UnreadCount(string html)
    {
        var match = CountPattern().Match(html);
        Assert.True(match.Success, "The layout shows no notification count for a signed-in user.");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("data-testid=\"notification-count\"[^>]*>(\\d+)<")]
    private static partial Regex CountPattern();

    private async Task<Guid> PublishedClearReportAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Reports.Where(r => r.Status == ContentStatus.Published && r.Tlp == Tlp.Clear).Select(r => r.Id).FirstAsync();
    }
}

public sealed class SqliteDiscussionScenarios(SqlitePortalFactory factory)
    : DiscussionScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresDiscussionScenarios(PostgresPortalFactory factory)
    : DiscussionScenarios(factory), IClassFixture<PostgresPortalFactory>;
