using System.Security.Claims;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Components.Pages.Reports;
using AiCtiPortal.Web.ComponentTests.Shared;
using AiCtiPortal.Web.Security;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.ComponentTests.Reports;

/// <summary>The "Changes and history" section of a published report, inside bUnit on a SQLite file.</summary>
public sealed class ReportProposalsTests : SqliteBunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public ReportProposalsTests()
        : base("proposals")
    {
        Services.AddScoped<ViewerAccessor>();
        Services.AddReportWorkflow(new ConfigurationBuilder().Build());
        _auth = AddAuthorization();
        using var db = CreateDatabase();
    }

    [Fact]
    public async Task Lists_submitted_and_accepted_proposals_but_not_someone_elses_draft_and_every_version_with_its_origin()
    {
        var (reportId, _) = await PublishedReportAsync();
        await ProposalAsync(reportId, "Proposer One", ContentStatus.InReview);
        await ProposalAsync(reportId, "Proposer Two", ContentStatus.Merged);
        await ProposalAsync(reportId, "Still Drafting", ContentStatus.Draft);
        await SignInAsync("Reader", PortalRoles.Contributor);

        var section = Render<ReportProposals>(p => p.Add(c => c.ReportId, reportId));

        var rows = section.FindAll("[data-testid=proposal]").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("Proposer One", StringComparison.Ordinal) && r.Contains("In review", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Proposer Two", StringComparison.Ordinal) && r.Contains("Accepted", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("Still Drafting", StringComparison.Ordinal));
        var versions = section.FindAll("[data-testid=report-version]").Select(v => v.TextContent).ToList();
        Assert.Equal(2, versions.Count);
        Assert.Contains("Version 2", versions[0]);
        Assert.Contains("Proposal by Proposer Two accepted.", versions[0]);
        Assert.Contains("by Author: Submitted for review.", versions[1]);
    }

    [Fact]
    public async Task Propose_a_change_opens_the_editor_on_a_new_proposal()
    {
        var (reportId, _) = await PublishedReportAsync();
        var contributor = await SignInAsync("Contributor", PortalRoles.Contributor);
        var section = Render<ReportProposals>(p => p.Add(c => c.ReportId, reportId));

        await section.Find("button").ClickAsync(new());

        await using var db = await Contexts.CreateDbContextAsync();
        var proposal = await db.Reports.SingleAsync(r => r.ProposalForId == reportId);
        Assert.Equal(contributor, proposal.AuthorId);
        Assert.EndsWith($"/reports/{proposal.Id}/edit", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Anonymous_visitors_and_consumers_get_no_propose_button()
    {
        var (reportId, _) = await PublishedReportAsync();
        _auth.SetNotAuthorized();
        var anonymous = Render<ReportProposals>(p => p.Add(c => c.ReportId, reportId));
        await SignInAsync("Consumer", PortalRoles.Consumer);
        var consumer = Render<ReportProposals>(p => p.Add(c => c.ReportId, reportId));

        Assert.Empty(anonymous.FindAll("button"));
        Assert.Empty(consumer.FindAll("button"));
        Assert.NotNull(anonymous.Find("[data-testid=no-proposals]"));
    }

    private async Task<(Guid ReportId, string AuthorId)> PublishedReportAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var author = await UserAsync(db, "Author");
        var report = new ThreatReport
        {
            Title = "Published report", Summary = "Summary", BodyMarkdown = "Body", AuthorId = author.Id,
            Status = ContentStatus.Published, Tlp = Tlp.Green, Phases = SupplyChainPhase.ModelArtifact, PublishedAt = DateTime.UtcNow,
        };
        db.Reports.Add(report);
        db.ReportVersions.Add(new ReportVersion { ReportId = report.Id, Number = 1, AuthorId = author.Id, ChangeNote = "Submitted for review." });
        await db.SaveChangesAsync();
        return (report.Id, author.Id);
    }

    private async Task ProposalAsync(Guid reportId, string proposerName, ContentStatus status)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var proposer = await UserAsync(db, proposerName);
        db.Reports.Add(new ThreatReport
        {
            Title = "Published report", AuthorId = proposer.Id, Status = status, ProposalForId = reportId, ProposalBaseVersion = 1,
            SubmittedAt = status == ContentStatus.Draft ? null : DateTime.UtcNow,
        });
        if (status == ContentStatus.Merged)
        {
            db.ReportVersions.Add(new ReportVersion
            {
                ReportId = reportId, Number = 2, AuthorId = proposer.Id, ChangeNote = $"Proposal by {proposerName} accepted.",
                CreatedAt = DateTime.UtcNow.AddMinutes(1),
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Creates a user in <paramref name="role"/> and signs them in; returns their id.</summary>
    private async Task<string> SignInAsync(string name, string role)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var user = await UserAsync(db, name);
        var normalized = role.ToUpperInvariant();
        var stored = await db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == normalized);
        if (stored is null)
        {
            stored = new IdentityRole(role) { NormalizedName = normalized };
            db.Roles.Add(stored);
        }

        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = stored.Id });
        await db.SaveChangesAsync();
        _auth.SetAuthorized(user.UserName!);
        _auth.SetRoles(role);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));
        return user.Id;
    }

    private static async Task<PortalUser> UserAsync(PortalDbContext db, string name)
    {
        var email = $"{Guid.NewGuid():N}@tests.aicti.local";
        var user = new PortalUser { UserName = email, Email = email, DisplayName = name };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }
}
