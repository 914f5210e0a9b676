using System.Net;
using AiCtiPortal.Domain.Discussions;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>Proposed changes to published reports through the real host, once per database provider.</summary>
public abstract class ProposalScenarios(PortalFactory factory)
{
    private const string Password = "Correct-Horse-42";
    private static readonly RubricScores Scores = new(4, 4, 4, 3, 4);

    private ReportWorkflow Workflow => factory.Workflow();

    [Fact]
    public async Task A_published_report_offers_contributors_a_proposal_and_shows_its_proposals_and_history()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var target = await PublishedAsync($"Proposable report {marker}");
        var proposer = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        await ProposeAsync(target, proposer.Id, d => d.Summary = $"Revised summary {marker}.");
        var contributor = factory.CreatePortalClient();
        await contributor.SignInAsync(proposer.Email!, Password);

        var asContributor = await (await contributor.GetAsync($"/reports/{target}")).Content.ReadAsStringAsync();
        var asAnonymous = await (await factory.CreatePortalClient().GetAsync($"/reports/{target}")).Content.ReadAsStringAsync();

        Assert.Contains("Propose a change", asContributor);
        Assert.Contains("data-testid=\"proposal\"", asContributor);
        Assert.Contains("Test user", asContributor);
        Assert.Contains("data-testid=\"report-version\"", asContributor);
        Assert.Contains("Submitted for review.", asContributor);
        // Anonymous visitors do not see a GREEN report at all, let alone a way to change it.
        Assert.DoesNotContain("Propose a change", asAnonymous);
        Assert.DoesNotContain($"Revised summary {marker}", asContributor);
    }

    [Fact]
    public async Task A_proposal_is_never_a_catalogue_item_but_its_proposer_can_open_it()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var target = await PublishedAsync($"Catalogued report {marker}");
        var proposer = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var proposal = await ProposeAsync(target, proposer.Id, d => d.Title = $"Retitled by a proposal {marker}");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(proposer.Email!, Password);
        var other = factory.CreatePortalClient();
        await other.SignInAsync("contributor@demo.aicti.local", PortalClient.DemoPassword);

        var list = await (await client.GetAsync($"/reports?q={marker}")).Content.ReadAsStringAsync();
        var own = await client.GetAsync($"/reports/{proposal}");
        var strangers = await other.GetAsync($"/reports/{proposal}");
        var draft = await Workflow.ProposeAsync(target, proposer.Id); // a second, still a draft: the editor opens it
        var editor = await (await client.GetAsync($"/reports/{draft}/edit")).Content.ReadAsStringAsync();
        var mine = await (await client.GetAsync("/my/submissions")).Content.ReadAsStringAsync();

        Assert.Contains($"Catalogued report {marker}", list);
        Assert.DoesNotContain($"Retitled by a proposal {marker}", list);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("data-testid=\"proposal-banner\"", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        Assert.Contains("data-testid=\"proposal-target\"", editor);
        Assert.Contains("Proposed change to", editor);
        Assert.Contains("data-testid=\"submission-proposal\"", mine);
        Assert.Contains($"Retitled by a proposal {marker}", mine);
    }

    [Fact]
    public async Task The_review_page_names_the_report_a_proposal_changes_diffs_against_it_and_hosts_the_discussion()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var target = await PublishedAsync($"Reviewed through a proposal {marker}");
        var proposer = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var proposal = await ProposeAsync(target, proposer.Id, d => d.Summary = $"Corrected summary {marker}.");
        var reviewer = factory.CreatePortalClient();
        await reviewer.SignInAsync("reviewer2@demo.aicti.local", PortalClient.DemoPassword);

        var page = await (await reviewer.GetAsync($"/reviews/{proposal}")).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"review-proposal\"", page);
        Assert.Contains($"href=\"reports/{target}\"", page);
        Assert.Contains("Changes to the published version 1", page);
        Assert.Contains("data-testid=\"field-change\"", page);
        Assert.Contains("A poisoned checkpoint.", page); // the published summary, on the "before" side
        Assert.Contains($"Corrected summary {marker}.", page);
        Assert.DoesNotContain("data-testid=\"diff-first-version\"", page);
        Assert.Contains("data-testid=\"discussion\"", page);
        Assert.Contains("data-testid=\"comment-form\"", page);
    }

    [Fact]
    public async Task A_reviewers_comment_on_the_review_page_reaches_the_author_in_my_submissions_and_on_their_report()
    {
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var reportId = await factory.SubmitReportAsync(author.Id, "Report discussed during review");
        var reviewer = await factory.UserIdAsync("reviewer@demo.aicti.local");
        var discussion = factory.Services.GetRequiredService<DiscussionService>();
        await discussion.AddCommentAsync(reportId, reviewer, Tlp.Green, "Which loader did you test with?");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(author.Email!, Password);

        var mine = await (await client.GetAsync("/my/submissions")).Content.ReadAsStringAsync();
        var report = await (await client.GetAsync($"/reports/{reportId}")).Content.ReadAsStringAsync();

        Assert.Contains("1 comment in the discussion", mine);
        Assert.Contains("Which loader did you test with?", report);
    }

    [Fact]
    public async Task An_accepted_proposal_shows_on_the_report_as_the_next_version_with_where_it_came_from()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var target = await PublishedAsync($"Changed by a proposal {marker}");
        var proposer = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var proposal = await ProposeAsync(target, proposer.Id, d => d.Summary = $"Accepted summary {marker}.");
        var reviewer = await factory.UserIdAsync("reviewer2@demo.aicti.local");

        var outcome = await Workflow.DecideAsync(new ReviewRequest(proposal, await factory.ReportStampAsync(proposal), reviewer,
            ReviewDecision.Approve, null, Scores));

        Assert.Equal(ContentStatus.Merged, outcome.Status);
        var reader = factory.CreatePortalClient();
        await reader.SignInAsync("consumer@demo.aicti.local", PortalClient.DemoPassword);
        var page = await (await reader.GetAsync($"/reports/{target}")).Content.ReadAsStringAsync();
        Assert.Contains($"Accepted summary {marker}.", page);
        Assert.Contains("Version 2", page);
        Assert.Contains("Proposal by Test user accepted.", page);
        var list = await (await reader.GetAsync($"/reports?q={marker}")).Content.ReadAsStringAsync();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(list, $"Changed by a proposal {marker}"));
    }

    /// <summary>A report by a new contributor, submitted and approved by the demo reviewer: Published at version 1.</summary>
    private async Task<Guid> PublishedAsync(string title)
    {
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var reportId = await factory.SubmitReportAsync(author.Id, title);
        var reviewer = await factory.UserIdAsync("reviewer@demo.aicti.local");
        var outcome = await Workflow.DecideAsync(new ReviewRequest(reportId, await factory.ReportStampAsync(reportId), reviewer,
            ReviewDecision.Approve, null, Scores));
        Assert.Equal(ContentStatus.Published, outcome.Status);
        return reportId;
    }

    /// <summary>Proposes a change as <paramref name="proposerId"/>, edits the copy, and submits it.</summary>
    private async Task<Guid> ProposeAsync(Guid target, string proposerId, Action<ReportDraft> edit)
    {
        var proposal = await Workflow.ProposeAsync(target, proposerId);
        var editable = await Workflow.OpenForEditAsync(proposal, proposerId);
        edit(editable.Draft);
        var saved = await Workflow.SaveDraftAsync(proposal, editable.ConcurrencyStamp, editable.Draft, proposerId);
        await Workflow.SubmitAsync(proposal, saved.ConcurrencyStamp, proposerId);
        return proposal;
    }
}

public sealed class SqliteProposalScenarios(SqlitePortalFactory factory)
    : ProposalScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresProposalScenarios(PostgresPortalFactory factory)
    : ProposalScenarios(factory), IClassFixture<PostgresPortalFactory>;
