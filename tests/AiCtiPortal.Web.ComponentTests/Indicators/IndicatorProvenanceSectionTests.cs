using System.Security.Claims;
using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Components.Pages.Indicators;
using AiCtiPortal.Web.ComponentTests.Shared;
using AiCtiPortal.Web.Security;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.ComponentTests.Indicators;

/// <summary>The indicator detail page's "Merged duplicates" section: provenance of what reviewers merged into it.</summary>
public sealed class IndicatorProvenanceSectionTests : SqliteBunitContext
{
    private const string Sha = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    private readonly BunitAuthorizationContext _auth;

    public IndicatorProvenanceSectionTests()
        : base("indicator-provenance")
    {
        Services.AddScoped<ViewerAccessor>();
        _auth = AddAuthorization();
        using var db = CreateDatabase();
    }

    [Fact]
    public async Task A_reviewer_sees_who_submitted_the_merged_duplicate_from_which_report_and_when()
    {
        var bed = await BedAsync(Tlp.Green);
        SignIn(bed.Reviewer);

        var section = Render<IndicatorProvenanceSection>(p => p.Add(c => c.IndicatorId, bed.Survivor));

        var merge = section.WaitForElement("[data-testid=indicator-merge]");
        Assert.Contains(Sha.ToUpperInvariant(), merge.TextContent, StringComparison.Ordinal);
        Assert.Contains("submitted by Ada Author on 2026-11-20 09:30 UTC", merge.TextContent, StringComparison.Ordinal);
        Assert.Contains("merged by Rex Reviewer on 2026-11-22 14:00 UTC", merge.TextContent, StringComparison.Ordinal);
        Assert.Contains("exact duplicate", merge.TextContent, StringComparison.Ordinal);
        // The source report is still in review, so a reviewer who is not its author is not shown its title.
        Assert.Contains("in a report you cannot see", merge.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merged_value_above_the_viewers_clearance_is_counted_and_not_shown()
    {
        var bed = await BedAsync(Tlp.Amber);
        SignIn(bed.Reviewer);

        var section = Render<IndicatorProvenanceSection>(p => p.Add(c => c.IndicatorId, bed.Survivor));

        Assert.Contains("1 more merged submission(s) above your clearance", section.WaitForElement("[data-testid=indicator-merge-hidden]").TextContent, StringComparison.Ordinal);
        Assert.Empty(section.FindAll("[data-testid=indicator-merge]"));
        Assert.DoesNotContain(Sha.ToUpperInvariant(), section.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_indicator_nothing_was_merged_into_shows_no_section()
    {
        var section = Render<IndicatorProvenanceSection>(p => p.Add(c => c.IndicatorId, Guid.NewGuid()));

        Assert.Empty(section.FindAll("[data-testid=indicator-provenance]"));
    }

    private sealed record Bed(string Reviewer, Guid Survivor);

    private void SignIn(string reviewerId)
    {
        _auth.SetAuthorized("rex@tests.aicti.local");
        _auth.SetRoles(PortalRoles.Reviewer);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, reviewerId));
    }

    /// <summary>A published indicator with one merged duplicate of the given TLP, submitted with a report still in review.</summary>
    private async Task<Bed> BedAsync(Tlp duplicateTlp)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var author = new PortalUser { UserName = "ada@tests.aicti.local", DisplayName = "Ada Author" };
        var reviewer = new PortalUser { UserName = "rex@tests.aicti.local", DisplayName = "Rex Reviewer" };
        var role = new IdentityRole(PortalRoles.Reviewer) { NormalizedName = PortalRoles.Reviewer.ToUpperInvariant() };
        db.Users.AddRange(author, reviewer);
        db.Roles.Add(role);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = reviewer.Id, RoleId = role.Id });
        var report = new ThreatReport { Title = "Draft sighting", AuthorId = author.Id, Status = ContentStatus.InReview, Tlp = duplicateTlp };
        var survivor = new Indicator
        {
            Type = IndicatorType.ModelFileSha256, Value = Sha, NormalizedValue = Sha, ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.ModelFileSha256, Sha),
            Status = ContentStatus.Published, Tlp = Tlp.Clear, CreatedById = author.Id,
        };
        var duplicate = new Indicator
        {
            Type = IndicatorType.ModelFileSha256, Value = Sha.ToUpperInvariant(), NormalizedValue = Sha, ValueHash = survivor.ValueHash,
            Status = ContentStatus.Merged, Tlp = duplicateTlp, CreatedById = author.Id,
        };
        db.Reports.Add(report);
        db.Indicators.AddRange(survivor, duplicate);
        db.IndicatorMerges.Add(new IndicatorMerge
        {
            SurvivorIndicatorId = survivor.Id, MergedIndicatorId = duplicate.Id, ReportId = report.Id, ReportVersion = 1, FindingId = Guid.NewGuid(),
            FindingKind = SimilarityFindingKind.ExactDuplicateIndicator, MergedType = IndicatorType.ModelFileSha256, MergedValue = duplicate.Value,
            SubmittedById = author.Id, SubmittedAt = new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc),
            MergedById = reviewer.Id, MergedAt = new DateTime(2026, 11, 22, 14, 0, 0, DateTimeKind.Utc),
        });
        await db.SaveChangesAsync();
        return new Bed(reviewer.Id, survivor.Id);
    }
}
