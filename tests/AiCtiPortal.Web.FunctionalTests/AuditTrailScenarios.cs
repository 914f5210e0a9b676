using System.Net;
using System.Text.RegularExpressions;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>The curators' audit trail page, read as prerendered HTML, once per database provider.</summary>
public abstract partial class AuditTrailScenarios(PortalFactory factory)
{
    private const string Password = "Correct-Horse-42";

    private ReportWorkflow Workflow => factory.Services.GetRequiredService<ReportWorkflow>();

    [Fact]
    public async Task Curator_sees_the_submission_and_the_review_decision_with_who_made_them()
    {
        var (reportId, author, reviewer) = await SubmitAndRequestChangesAsync();
        var curator = await CuratorClientAsync();

        var response = await curator.GetAsync($"/admin/audit?entity={reportId}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Newest first: the decision, then the submission, then the draft's creation.
        Assert.Equal(["Review.RequestChanges", "Submit", "Create"], Listed(html, "audit-action"));
        Assert.Equal([reviewer, author, author], Listed(html, "audit-actor"));
        Assert.Contains($"href=\"reports/{reportId}\"", html);
        Assert.Contains("InReview → ChangesRequested", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task Filtering_by_action_from_the_address_lists_only_that_action()
    {
        var (reportId, author, _) = await SubmitAndRequestChangesAsync();
        var curator = await CuratorClientAsync();

        var submits = await (await curator.GetAsync($"/admin/audit?entity={reportId}&action=Submit")).Content.ReadAsStringAsync();
        var reviews = await (await curator.GetAsync($"/admin/audit?entity={reportId}&action=Review")).Content.ReadAsStringAsync();

        Assert.Equal(["Submit"], Listed(submits, "audit-action"));
        Assert.Equal([author], Listed(submits, "audit-actor"));
        Assert.Equal(["Review.RequestChanges"], Listed(reviews, "audit-action"));
    }

    [Fact]
    public async Task Filtering_by_actor_and_date_narrows_the_list_and_shows_the_empty_state_when_nothing_matches()
    {
        var (reportId, _, reviewer) = await SubmitAndRequestChangesAsync();
        var curator = await CuratorClientAsync();
        var tomorrow = DateTime.UtcNow.Date.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var byReviewer = await (await curator.GetAsync($"/admin/audit?entity={reportId}&actor={Uri.EscapeDataString(reviewer)}")).Content.ReadAsStringAsync();
        var future = await (await curator.GetAsync($"/admin/audit?entity={reportId}&from={tomorrow}")).Content.ReadAsStringAsync();

        Assert.Equal(["Review.RequestChanges"], Listed(byReviewer, "audit-action"));
        Assert.Empty(Listed(future, "audit-action"));
        Assert.Contains("data-testid=\"empty-state\"", future);
    }

    private async Task<(Guid ReportId, string AuthorEmail, string ReviewerEmail)> SubmitAndRequestChangesAsync()
    {
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var reviewer = await factory.CreateUserAsync(Password, PortalRoles.Contributor, PortalRoles.Reviewer);
        var reportId = await factory.SubmitReportAsync(author.Id, "Audited submission");
        await Workflow.DecideAsync(new ReviewRequest(reportId, await factory.ReportStampAsync(reportId), reviewer.Id,
            ReviewDecision.RequestChanges, "Name the malicious import.", new RubricScores(4, 4, 4, 3, 4)));
        return (reportId, author.Email!, reviewer.Email!);
    }

    private async Task<HttpClient> CuratorClientAsync()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync("curator@demo.aicti.local", PortalClient.DemoPassword);
        return client;
    }

    /// <summary>The texts of the elements marked with a test id, in page order.</summary>
    private static List<string> Listed(string html, string testId) =>
        TestIdText().Matches(html).Where(m => m.Groups["id"].Value == testId).Select(m => WebUtility.HtmlDecode(m.Groups["text"].Value)).ToList();

    [GeneratedRegex("data-testid=\"(?<id>[a-z-]+)\">(?<text>[^<]*)<")]
    private static partial Regex TestIdText();
}

public sealed class SqliteAuditTrailScenarios(SqlitePortalFactory factory)
    : AuditTrailScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresAuditTrailScenarios(PostgresPortalFactory factory)
    : AuditTrailScenarios(factory), IClassFixture<PostgresPortalFactory>;
