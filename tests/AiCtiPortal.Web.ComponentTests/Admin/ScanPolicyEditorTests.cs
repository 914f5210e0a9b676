using System.Security.Claims;
using AiCtiPortal.Domain.Artifacts;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Web.Components.Pages.Admin.ScanPolicy;
using AiCtiPortal.Web.ComponentTests.Shared;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.ComponentTests.Admin;

/// <summary>The curator's scan-policy page on a SQLite file: rule tables, live checks, saves, history and restore.</summary>
public sealed class ScanPolicyEditorTests : SqliteBunitContext
{

    public ScanPolicyEditorTests()
        : base("policy-page")
    {
        Services.AddArtifactKnowledge();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = AddAuthorization();
        using var db = CreateDatabase();
        CuratorId = AddCurator(db);
        auth.SetAuthorized("curator@tests.aicti.local");
        auth.SetRoles(PortalRoles.Curator);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, CuratorId));
    }

    private string CuratorId { get; }

    private ScanPolicyStore Store => Services.GetRequiredService<ScanPolicyStore>();

    [Fact]
    public void Every_section_is_listed_with_the_reason_of_each_rule_and_the_default_is_version_0()
    {
        var page = RenderLoaded();

        foreach (var info in ScanPolicySectionInfo.All)
        {
            Assert.Contains(info.Title, page.Find($"[data-testid=policy-section-{info.JsonName}]").TextContent);
        }

        var firstDenied = page.Find("[data-testid=policy-section-deniedGlobals] [data-testid=rule-reason]");
        Assert.StartsWith("Process, file-system", firstDenied.GetAttribute("value"));
        Assert.Contains("(built-in default)", page.Find("[data-testid=policy-in-use]").TextContent);
        Assert.Single(page.FindAll("[data-testid=policy-version]"));
    }

    [Fact]
    public async Task A_bad_pattern_is_flagged_as_typed_and_a_refused_save_keeps_every_edit()
    {
        var page = RenderLoaded();
        page.Find("[data-testid=add-rule-deniedGlobals]").Click();

        LastPattern(page, "deniedGlobals").Input("os");

        var error = page.Find("[data-testid=policy-section-deniedGlobals] [data-testid=rule-error]");
        Assert.Contains("module.name", error.TextContent);
        page.Find("[data-testid=policy-note]").Input("Block os");
        page.Find("[data-testid=policy-save]").Click();

        page.WaitForElement("[data-testid=policy-errors]");
        Assert.Contains("Denied globals", page.Find("[data-testid=policy-errors]").TextContent);
        Assert.Equal("os", LastPattern(page, "deniedGlobals").GetAttribute("value"));
        Assert.Equal("Block os", page.Find("[data-testid=policy-note]").GetAttribute("value"));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.ScanPolicyVersions.CountAsync());
    }

    [Fact]
    public async Task A_valid_new_rule_is_saved_as_version_1_and_shows_in_the_history()
    {
        var page = RenderLoaded();
        page.Find("[data-testid=add-rule-deniedGlobals]").Click();
        LastPattern(page, "deniedGlobals").Input("mylib.unsafe_loader");
        page.FindAll("[data-testid=policy-section-deniedGlobals] [data-testid=rule-reason]")[^1].Input("Loads pickles from URLs.");
        page.Find("[data-testid=policy-note]").Input("Deny mylib's loader");

        page.Find("[data-testid=policy-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Saved as version 1", page.Find("[data-testid=policy-message]").TextContent));
        Assert.Equal(2, page.FindAll("[data-testid=policy-version]").Count);
        Assert.Contains("Deny mylib's loader", page.Find("[data-testid=policy-history]").TextContent);
        var current = await Store.CurrentAsync();
        Assert.Equal(1, current.Number);
        Assert.Equal("Loads pickles from URLs.", current.Policy.Classify("mylib", "unsafe_loader").Rule!.Reason);
    }

    [Fact]
    public async Task Broken_json_stays_in_the_text_area_after_a_refused_save_and_the_rule_view_will_not_take_it()
    {
        var page = RenderLoaded();
        page.Find("[data-testid=mode-json]").Click();

        page.Find("[data-testid=policy-json]").Change("{ \"deniedGlobals\": [");
        page.Find("[data-testid=policy-save]").Click();

        page.WaitForElement("[data-testid=policy-errors]");
        Assert.Contains("not valid JSON", page.Find("[data-testid=policy-errors]").TextContent);
        Assert.Equal("{ \"deniedGlobals\": [", page.Find("[data-testid=policy-json]").GetAttribute("value"));
        page.Find("[data-testid=mode-rules]").Click();
        Assert.NotNull(page.Find("[data-testid=policy-json]"));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.ScanPolicyVersions.CountAsync());
    }

    [Fact]
    public async Task An_older_version_can_be_viewed_read_only_and_restored_as_the_newest()
    {
        var policy = await Store.CurrentAsync();
        var document = ScanPolicyDocument.Parse(policy.Json);
        document[ScanPolicySection.DeniedGlobals].Add(new ScanPolicyRuleRow { Pattern = "mylib.*", Reason = "All of mylib." });
        await Store.SaveAsync(document.ToJson(), "Deny mylib", CuratorId);
        var page = RenderLoaded();

        page.Find("[data-testid=view-version-0]").Click();
        page.WaitForElement("[data-testid=policy-viewing]");
        Assert.Empty(page.FindAll("[data-testid=policy-viewing] input"));
        page.Find("[data-testid=viewing-restore]").Click();

        page.WaitForAssertion(() => Assert.Contains("built-in default is in use again, as version 2", page.Find("[data-testid=policy-message]").TextContent));
        var current = await Store.CurrentAsync();
        Assert.Equal(2, current.Number);
        Assert.Equal(ArtifactScanDefaults.DeniedCount, current.Policy.Denied.Count);
    }

    [Fact]
    public void Restore_is_offered_only_when_the_editor_holds_no_unsaved_changes()
    {
        var page = RenderLoaded();
        Assert.Empty(page.FindAll("[data-testid=restore-version-0]")); // the default is in use: nothing to restore

        page.Find("[data-testid=policy-name]").Input("edited");

        Assert.NotNull(page.Find("[data-testid=policy-unsaved]"));
        page.Find("[data-testid=policy-discard]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=policy-unsaved]")));
        Assert.Equal("aicti-default", page.Find("[data-testid=policy-name]").GetAttribute("value"));
    }

    private IRenderedComponent<ScanPolicyEditor> RenderLoaded()
    {
        var page = Render<ScanPolicyEditor>();
        page.WaitForElement("[data-testid=policy-history]");
        return page;
    }

    private static AngleSharp.Dom.IElement LastPattern(IRenderedComponent<ScanPolicyEditor> page, string section) =>
        page.FindAll($"[data-testid=policy-section-{section}] [data-testid=rule-pattern]")[^1];

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

    private static class ArtifactScanDefaults
    {
        public static int DeniedCount => AiCtiPortal.Engine.Artifacts.Policy.ArtifactPolicy.Default.Denied.Count;
    }
}
