using System.Security.Claims;
using AiCtiPortal.Domain.Curation.Quality;
using AiCtiPortal.Domain.Curation.Quality.Storage;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Components.Shared;
using AiCtiPortal.Web.ComponentTests.Shared;
using AiCtiPortal.Web.Security;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.ComponentTests.Quality;

/// <summary>The stored quality score and reasons as pages show them, on a SQLite file, through the viewer's clearance.</summary>
public sealed class QualityFindingsPanelTests : SqliteBunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public QualityFindingsPanelTests()
        : base("quality-panel")
    {
        Services.AddScoped<ViewerAccessor>();
        _auth = AddAuthorization();
        using var db = CreateDatabase();
    }

    [Fact]
    public async Task The_panel_shows_the_score_and_every_reason_with_its_cost()
    {
        var bed = await BedAsync();

        var panel = Render<QualityFindingsPanel>(p => p.Add(c => c.Kind, QualityItemKind.Indicator).Add(c => c.ItemId, bed.Indicator));

        panel.WaitForElement("[data-testid=quality-finding]");
        Assert.Equal("80/100", panel.Find("[data-testid=quality-score]").TextContent);
        Assert.StartsWith("1 warning, 1 note", panel.Find("[data-testid=quality-summary]").TextContent, StringComparison.Ordinal);
        var messages = panel.FindAll("[data-testid=quality-message]").Select(m => m.TextContent).ToList();
        Assert.Equal(["Two other published items doubt this value.", "Not seen for a year."], messages);
        Assert.Contains("−15", panel.FindAll("[data-testid=quality-finding]")[0].TextContent);
    }

    [Fact]
    public async Task Items_a_finding_names_are_linked_only_within_the_viewers_clearance()
    {
        var bed = await BedAsync();

        var panel = Render<QualityFindingsPanel>(p => p.Add(c => c.Kind, QualityItemKind.Indicator).Add(c => c.ItemId, bed.Indicator));

        var link = panel.WaitForElement("[data-testid=quality-subject]");
        Assert.Equal(($"reports/{bed.Green}", "Known green report"), (link.GetAttribute("href"), link.TextContent));
        Assert.Contains("1 item above your clearance", panel.Find("[data-testid=quality-hidden]").TextContent);
        Assert.DoesNotContain("Secret amber report", panel.Markup);
    }

    [Fact]
    public void An_item_not_yet_checked_says_so()
    {
        var panel = Render<QualityFindingsPanel>(p => p.Add(c => c.Kind, QualityItemKind.Report).Add(c => c.ItemId, Guid.NewGuid()));

        panel.WaitForElement("[data-testid=quality-not-checked]");
        Assert.Equal("not checked", panel.Find("[data-testid=quality-score]").TextContent);
    }

    private sealed record Bed(Guid Indicator, Guid Green);

    /// <summary>A signed-in reviewer (TLP:GREEN), an indicator with two stored findings, one naming a GREEN and an AMBER report.</summary>
    private async Task<Bed> BedAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var author = new PortalUser { UserName = "author@tests.aicti.local" };
        var reviewer = new PortalUser { UserName = "reviewer@tests.aicti.local" };
        var role = new IdentityRole(PortalRoles.Reviewer) { NormalizedName = PortalRoles.Reviewer.ToUpperInvariant() };
        db.Users.AddRange(author, reviewer);
        db.Roles.Add(role);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = reviewer.Id, RoleId = role.Id });
        var green = new ThreatReport { Title = "Known green report", AuthorId = author.Id, Status = ContentStatus.Published, Tlp = Tlp.Green };
        var amber = new ThreatReport { Title = "Secret amber report", AuthorId = author.Id, Status = ContentStatus.Published, Tlp = Tlp.Amber };
        var indicator = new Indicator
        {
            Type = IndicatorType.Domain, Value = "evil.example.net", NormalizedValue = "evil.example.net", ValueHash = "h",
            Status = ContentStatus.Published, Tlp = Tlp.Green, CreatedById = author.Id, QualityScore = 80,
        };
        db.Reports.AddRange(green, amber);
        db.Indicators.Add(indicator);
        db.QualityAssessments.Add(new StoredQualityAssessment
        {
            ItemKind = QualityItemKind.Indicator, ItemId = indicator.Id, Score = 80, RulesVersion = QualityRules.Version,
            AssessedAt = new DateTime(2026, 11, 23, 2, 30, 0, DateTimeKind.Utc),
            Findings = QualityFindingsJson.Write(
            [
                new QualityFinding(QualityRules.IndicatorVerdictConflict.Code, QualitySeverity.Warning, 15,
                    "Two other published items doubt this value.", [green.Id.ToString(), amber.Id.ToString()]),
                new QualityFinding(QualityRules.IndicatorNotSeenRecently.Code, QualitySeverity.Info, 5, "Not seen for a year.", []),
            ]),
        });
        await db.SaveChangesAsync();
        _auth.SetAuthorized(reviewer.UserName);
        _auth.SetRoles(PortalRoles.Reviewer);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, reviewer.Id));
        return new Bed(indicator.Id, green.Id);
    }
}
