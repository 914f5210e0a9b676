using System.Security.Claims;
using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
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

    [Fact]
    public async Task Confirming_an_exact_duplicate_indicator_merges_it_into_the_published_one()
    {
        var bed = await BedAsync();
        var (duplicate, survivor) = await DuplicateIndicatorAsync(bed);
        var panel = Render<SimilarityFindingsPanel>(p => p.Add(c => c.ReportId, bed.Submission));
        var merge = panel.WaitForElement("[data-testid=similarity-confirm][title*=merged]");
        Assert.Equal("Confirm and merge", merge.TextContent.Trim());

        await merge.ClickAsync(new());

        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(ContentStatus.Merged, (await db.Indicators.SingleAsync(i => i.Id == duplicate)).Status);
        Assert.True(await db.ReportIndicators.AnyAsync(l => l.ReportId == bed.Submission && l.IndicatorId == survivor));
        Assert.Equal(survivor, (await db.IndicatorMerges.SingleAsync()).SurvivorIndicatorId);
    }

    [Fact]
    public async Task Confirming_after_the_submission_changed_shows_why_it_was_refused()
    {
        var bed = await BedAsync();
        var panel = Render<SimilarityFindingsPanel>(p => p.Add(c => c.ReportId, bed.Submission));
        var confirm = panel.WaitForElement("[data-testid=similarity-confirm]");
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            await db.Reports.Where(r => r.Id == bed.Submission).ExecuteUpdateAsync(u => u.SetProperty(r => r.Version, 2));
        }

        await confirm.ClickAsync(new());

        Assert.Contains("The submission changed since this finding was computed", panel.Find("[data-testid=similarity-error]").TextContent);
        await using var check = await Contexts.CreateDbContextAsync();
        Assert.All(await check.SimilarityFindings.ToListAsync(), f => Assert.Equal(SimilarityFindingStatus.Open, f.Status));
    }

    /// <summary>The submission's own indicator and a published one with the same value, and the exact-duplicate finding.</summary>
    private async Task<(Guid Duplicate, Guid Survivor)> DuplicateIndicatorAsync(Bed bed)
    {
        const string Sha = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
        await using var db = await Contexts.CreateDbContextAsync();
        var author = await db.Reports.Where(r => r.Id == bed.Submission).Select(r => r.AuthorId).SingleAsync();
        Indicator Make(ContentStatus status) => new()
        {
            Type = IndicatorType.ModelFileSha256, Value = Sha, NormalizedValue = Sha, Status = status, Tlp = Tlp.Green, CreatedById = author,
            ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.ModelFileSha256, Sha),
        };
        var duplicate = Make(ContentStatus.InReview);
        var survivor = Make(ContentStatus.Published);
        db.Indicators.AddRange(duplicate, survivor);
        db.ReportIndicators.Add(new ReportIndicator { ReportId = bed.Submission, IndicatorId = duplicate.Id });
        db.ReportIndicators.Add(new ReportIndicator { ReportId = bed.Green, IndicatorId = survivor.Id });
        await db.SimilarityFindings.ExecuteDeleteAsync();
        db.SimilarityFindings.Add(new SimilarityFinding
        {
            ReportId = bed.Submission, ReportVersion = 1, Kind = SimilarityFindingKind.ExactDuplicateIndicator, SubjectIndicatorId = duplicate.Id,
            OtherIndicatorId = survivor.Id, OtherReportId = bed.Green, Score = 1, NativeScore = 1, PairKey = Guid.NewGuid().ToString("N"),
            Explanation = "Same Model file SHA-256 as a published indicator documented in a published report (identical normalised value).",
        });
        await db.SaveChangesAsync();
        return (duplicate.Id, survivor.Id);
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
