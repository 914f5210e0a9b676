using System.Security.Claims;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Components.Pages.Admin;
using AiCtiPortal.Web.ComponentTests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.ComponentTests.Admin;

/// <summary>The curators' curated-set page on a SQLite file: list with counts, the form's refusals, saves and archiving.</summary>
public sealed class CuratedSetsPageTests : SqliteBunitContext
{
    public CuratedSetsPageTests()
        : base("curated-sets-page")
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = AddAuthorization();
        using var db = CreateDatabase();
        CuratorId = AddCurator(db);
        OrganisationId = AddOrganisation(db);
        AddPublishedIndicator(db, CuratorId);
        auth.SetAuthorized("curator@tests.aicti.local");
        auth.SetRoles(PortalRoles.Curator);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, CuratorId));
    }

    private string CuratorId { get; }

    private Guid OrganisationId { get; }

    private CuratedSetStore Store => new(Contexts, TimeProvider.System);

    [Fact]
    public void A_curator_creates_a_set_in_the_form_and_sees_it_listed_with_what_it_holds()
    {
        var page = RenderLoaded();
        Assert.NotNull(page.Find("[data-testid=empty-state]"));

        page.Find("[data-testid=new-set]").Click();
        page.Find("[data-testid=set-name]").Input("Model hub watch");
        page.Find($"[data-testid=reader-{OrganisationId}]").Change(true);
        page.Find("[data-testid=set-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("Created Model hub watch.", page.Find("[data-testid=set-message]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=set-editor]"));
        var row = page.Find("[data-testid=set-row]");
        Assert.Equal("Model hub watch", row.QuerySelector("[data-testid=set-row-name]")!.TextContent);
        Assert.Equal("1", row.QuerySelector("[data-testid=set-indicator-count]")!.TextContent);
        Assert.Contains("Northwind AI Security", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_minimum_quality_score_outside_0_to_100_is_refused_and_a_valid_one_is_saved()
    {
        var page = RenderLoaded();
        page.Find("[data-testid=new-set]").Click();
        page.Find("[data-testid=set-name]").Input("Assessed only");
        page.Find($"[data-testid=reader-{OrganisationId}]").Change(true);

        page.Find("[data-testid=set-quality]").Change("101");
        page.Find("[data-testid=set-save]").Click();
        page.WaitForElement("[data-testid=set-errors]");
        Assert.Contains("Minimum quality score must be between 0 and 100, or empty for no minimum (it is 101).",
            page.Find("[data-testid=set-errors]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=set-quality]").Change("75");
        page.Find("[data-testid=set-save]").Click();
        page.WaitForAssertion(() => Assert.Equal("Created Assessed only.", page.Find("[data-testid=set-message]").TextContent));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(75, (await db.CuratedSets.SingleAsync()).MinQualityScore);
    }

    [Fact]
    public async Task A_refused_save_lists_every_problem_and_keeps_what_was_typed()
    {
        var page = RenderLoaded();
        page.Find("[data-testid=new-set]").Click();

        page.Find("[data-testid=set-description]").Input("Kept after the refusal");
        page.Find("[data-testid=set-confidence]").Change("150");
        page.Find("[data-testid=set-techniques]").Change("AML.T9999");
        page.Find("[data-testid=set-save]").Click();

        page.WaitForElement("[data-testid=set-errors]");
        var errors = page.Find("[data-testid=set-errors]").TextContent;
        Assert.Contains("Enter a name for the set.", errors, StringComparison.Ordinal);
        Assert.Contains("Minimum confidence must be between 0 and 100 (it is 150).", errors, StringComparison.Ordinal);
        Assert.Contains("Choose at least one organisation", errors, StringComparison.Ordinal);
        Assert.Contains("ATLAS", errors, StringComparison.Ordinal);
        Assert.Equal("Kept after the refusal", page.Find("[data-testid=set-description]").GetAttribute("value"));
        Assert.Equal("AML.T9999", page.Find("[data-testid=set-techniques]").GetAttribute("value"));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.False(await db.CuratedSets.AnyAsync());
    }

    [Fact]
    public async Task Archiving_marks_the_set_and_offers_restore()
    {
        await Store.CreateAsync(new CuratedSetDraft { Name = "Old feed", ReaderIds = [OrganisationId] }, CuratorId);
        var page = RenderLoaded();

        page.Find("[data-testid=set-archive]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=set-archived]")));
        Assert.Contains("Archived Old feed", page.Find("[data-testid=set-message]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=set-restore]"));
    }

    [Fact]
    public async Task Saving_over_a_change_made_meanwhile_is_refused_with_the_reason()
    {
        var saved = await Store.CreateAsync(new CuratedSetDraft { Name = "Shared feed", ReaderIds = [OrganisationId] }, CuratorId);
        var page = RenderLoaded();
        page.Find("[data-testid=set-edit]").Click();
        page.WaitForElement("[data-testid=set-editor]");
        var theirs = await Store.OpenAsync(saved.Id, CuratorId);
        theirs.Draft.MinConfidence = 90;
        await Store.UpdateAsync(saved.Id, theirs.ConcurrencyStamp, theirs.Draft, CuratorId);

        page.Find("[data-testid=set-confidence]").Change("10");
        page.Find("[data-testid=set-save]").Click();

        page.WaitForAssertion(() => Assert.Contains(CuratedSetStore.StaleEdit, page.Find("[data-testid=set-errors]").TextContent, StringComparison.Ordinal));
        Assert.Equal(90, (await Store.OpenAsync(saved.Id, CuratorId)).Draft.MinConfidence);
    }

    private IRenderedComponent<CuratedSets> RenderLoaded()
    {
        var page = Render<CuratedSets>();
        page.WaitForElement("[data-testid=new-set]");
        return page;
    }

    private static string AddCurator(PortalDbContext db)
    {
        var user = new PortalUser { UserName = "curator@tests.aicti.local", Email = "curator@tests.aicti.local", DisplayName = "Curator" };
        var role = new IdentityRole(PortalRoles.Curator) { NormalizedName = PortalRoles.Curator.ToUpperInvariant() };
        db.Users.Add(user);
        db.Roles.Add(role);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        db.SaveChanges();
        return user.Id;
    }

    private static Guid AddOrganisation(PortalDbContext db)
    {
        var organisation = new Organisation { Name = "Northwind AI Security", Clearance = Tlp.Amber };
        db.Organisations.Add(organisation);
        db.SaveChanges();
        return organisation.Id;
    }

    private static void AddPublishedIndicator(PortalDbContext db, string authorId)
    {
        const string value = "evil-models.example";
        db.Indicators.Add(new Indicator
        {
            Type = IndicatorType.Domain, Value = value, NormalizedValue = value, ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.Domain, value),
            Tlp = Tlp.Green, Status = ContentStatus.Published, CreatedById = authorId,
        });
        db.SaveChanges();
    }
}
