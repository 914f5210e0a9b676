using System.Security.Claims;
using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Components.Pages.Reviews;
using AiCtiPortal.Web.ComponentTests.Shared;
using AiCtiPortal.Web.Security;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.ComponentTests.Reviews;

/// <summary>The review page's similarity panel on a SQLite file: clearance filtering, confirm and dismiss.</summary>
public sealed class SimilarityFindingsPanelTests : SqliteBunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public SimilarityFindingsPanelTests()
        : base("similarity-panel")
    {
        Services.AddScoped<ViewerAccessor>();
        Services.AddSingleton<SimilarityFindingStore>();
        _auth = AddAuthorization();
        using var db = CreateDatabase();
    }

    [Fact]
    public async Task A_finding_pointing_above_the_reviewers_clearance_is_counted_and_never_shown()
    {
        var bed = await BedAsync();

        var panel = Render<SimilarityFindingsPanel>(p => p.Add(c => c.ReportId, bed.Submission));

        var finding = panel.WaitForElement("[data-testid=similarity-finding]");
        Assert.Single(panel.FindAll("[data-testid=similarity-finding]"));
        Assert.Equal("Known green report", finding.QuerySelector("[data-testid=similarity-other-report]")?.TextContent);
        Assert.Equal($"reports/{bed.Green}", finding.QuerySelector("[data-testid=similarity-other-report]")?.GetAttribute("href"));
        Assert.Contains("TLSH distance 12", finding.TextContent);
        Assert.Contains("1 item above your clearance", panel.Find("[data-testid=similarity-hidden]").TextContent);
        Assert.DoesNotContain("Secret amber report", panel.Markup);
    }

    [Fact]
    public async Task Dismissing_needs_a_reason_and_then_records_the_decision()
    {
        var bed = await BedAsync();
        var panel = Render<SimilarityFindingsPanel>(p => p.Add(c => c.ReportId, bed.Submission));
        panel.WaitForElement("[data-testid=similarity-dismiss]");

        await panel.Find("[data-testid=similarity-dismiss]").ClickAsync(new());
        await panel.Find("[data-testid=similarity-dismiss-confirm]").ClickAsync(new());
        Assert.Contains("Say why", panel.Find("[data-testid=similarity-error]").TextContent);

        panel.Find("[data-testid=similarity-reason]").Input("Same family, different sample.");
        await panel.Find("[data-testid=similarity-dismiss-confirm]").ClickAsync(new());

        Assert.Equal("Dismissed", panel.Find("[data-testid=similarity-status]").TextContent);
        Assert.Contains("Same family, different sample.", panel.Find("[data-testid=similarity-finding]").TextContent);
        await using var db = await Contexts.CreateDbContextAsync();
        var stored = await db.SimilarityFindings.SingleAsync(f => f.OtherReportId == bed.Green);
        Assert.Equal(SimilarityFindingStatus.Dismissed, stored.Status);
        Assert.Equal(bed.Reviewer, stored.DecidedById);
    }

    [Fact]
    public async Task Confirming_a_duplicate_marks_it_confirmed()
    {
        var bed = await BedAsync();
        var panel = Render<SimilarityFindingsPanel>(p => p.Add(c => c.ReportId, bed.Submission));

        await panel.WaitForElement("[data-testid=similarity-confirm]").ClickAsync(new());

        Assert.Equal("Confirmed", panel.Find("[data-testid=similarity-status]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=similarity-confirm]"));
    }

    private sealed record Bed(string Reviewer, Guid Submission, Guid Green);

    /// <summary>A signed-in reviewer (TLP:GREEN by role), a submission, and findings against a GREEN and an AMBER report.</summary>
    private async Task<Bed> BedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var author = new PortalUser { UserName = "author@tests.aicti.local" };
        var reviewer = new PortalUser { UserName = "reviewer@tests.aicti.local" };
        var role = new IdentityRole(PortalRoles.Reviewer) { NormalizedName = PortalRoles.Reviewer.ToUpperInvariant() };
        db.Users.AddRange(author, reviewer);
        db.Roles.Add(role);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = reviewer.Id, RoleId = role.Id });
        var submission = new ThreatReport { Title = "Submission", AuthorId = author.Id, Status = ContentStatus.InReview, Tlp = Tlp.Green };
        var green = new ThreatReport { Title = "Known green report", AuthorId = author.Id, Status = ContentStatus.Published, Tlp = Tlp.Green };
        var amber = new ThreatReport { Title = "Secret amber report", AuthorId = author.Id, Status = ContentStatus.Published, Tlp = Tlp.Amber };
        db.Reports.AddRange(submission, green, amber);
        db.SimilarityFindings.AddRange(Finding(submission.Id, green.Id, "TLSH distance 12 (≤ 40 threshold) to a published model-file TLSH."),
            Finding(submission.Id, amber.Id, "TLSH distance 20 (≤ 40 threshold) to a published model-file TLSH."));
        await db.SaveChangesAsync();
        _auth.SetAuthorized(reviewer.UserName);
        _auth.SetRoles(PortalRoles.Reviewer);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, reviewer.Id));
        return new Bed(reviewer.Id, submission.Id, green.Id);
    }

    private static SimilarityFinding Finding(Guid reportId, Guid other, string explanation) => new()
    {
        ReportId = reportId, ReportVersion = 1, Kind = SimilarityFindingKind.NearDuplicateArtifact, OtherReportId = other,
        Score = 0.88, NativeScore = 12, Explanation = explanation, PairKey = Guid.NewGuid().ToString("N"),
    };
}
