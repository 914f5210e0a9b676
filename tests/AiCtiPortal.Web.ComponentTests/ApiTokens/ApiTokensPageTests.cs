using System.Security.Claims;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Components.Pages.ApiTokens;
using AiCtiPortal.Web.ComponentTests.Shared;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.ComponentTests.ApiTokens;

/// <summary>/account/api-tokens on a SQLite file: creating (secret shown once), scopes limited to the owner, revoking.</summary>
public sealed class ApiTokensPageTests : SqliteBunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public ApiTokensPageTests()
        : base("api-tokens-page")
    {
        Services.AddSingleton<ApiTokenService>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = AddAuthorization();
        using var db = CreateDatabase();
    }

    private ApiTokenService Tokens => Services.GetRequiredService<ApiTokenService>();

    [Fact]
    public async Task A_new_token_is_shown_once_and_afterwards_only_its_prefix_appears()
    {
        var userId = await SignInAsync(PortalRoles.Contributor);
        var page = Render<ApiTokensPage>();

        page.Find("[data-testid=token-name]").Input("CI pipeline");
        await page.Find("[data-testid=token-create-submit]").ClickAsync(new());

        var secret = page.WaitForElement("[data-testid=new-token-secret]").GetAttribute("value")!;
        Assert.StartsWith("aicti_", secret, StringComparison.Ordinal);
        Assert.Contains("will not be shown again", page.Find("[data-testid=new-token-warning]").TextContent);
        Assert.True((await Tokens.ValidateAsync(secret)).Succeeded);
        var prefix = Assert.Single(await Tokens.ListForUserAsync(userId)).Prefix;
        Assert.Equal($"aicti_{prefix}_…", page.Find("[data-testid=personal-tokens] [data-testid=token-prefix]").TextContent);
        Assert.DoesNotContain(secret, page.Find("[data-testid=personal-tokens]").OuterHtml, StringComparison.Ordinal);

        page.Find("[data-testid=new-token-done]").Click();

        Assert.Empty(page.FindAll("[data-testid=new-token]"));
        Assert.DoesNotContain(secret, page.Markup, StringComparison.Ordinal);
        var reopened = Render<ApiTokensPage>();
        Assert.DoesNotContain(secret, reopened.Markup, StringComparison.Ordinal);
        Assert.Single(reopened.FindAll("[data-testid=personal-tokens] [data-testid=token-row]"));
    }

    [Fact]
    public async Task A_refused_creation_lists_every_reason_keeps_the_form_and_shows_no_secret()
    {
        var userId = await SignInAsync(PortalRoles.Contributor);
        var page = Render<ApiTokensPage>();

        page.Find($"[data-testid=scope-{ApiTokenScopes.ReadCatalogue}]").Change(false);
        await page.Find("[data-testid=token-create-submit]").ClickAsync(new());

        var errors = page.WaitForElement("[data-testid=token-errors]").TextContent;
        Assert.Contains("Give the token a name", errors);
        Assert.Contains("at least one scope", errors);
        Assert.Empty(page.FindAll("[data-testid=new-token]"));
        Assert.Empty(await Tokens.ListForUserAsync(userId));
    }

    [Fact]
    public async Task The_copy_button_puts_the_secret_on_the_clipboard()
    {
        await SignInAsync(PortalRoles.Contributor);
        var page = Render<ApiTokensPage>();
        page.Find("[data-testid=token-name]").Input("Clipboard");
        await page.Find("[data-testid=token-create-submit]").ClickAsync(new());
        var secret = page.WaitForElement("[data-testid=new-token-secret]").GetAttribute("value")!;

        await page.Find("[data-testid=new-token-copy]").ClickAsync(new());

        var call = Assert.Single(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        Assert.Equal(secret, call.Arguments[0]);
        Assert.Contains("Copied", page.Find("[data-testid=new-token-copy]").TextContent);
    }

    [Theory]
    [InlineData(PortalRoles.Consumer, ApiTokenScopes.SubmitIndicators)]
    [InlineData(PortalRoles.Contributor, ApiTokenScopes.DownloadExports)]
    public async Task Scopes_the_owner_may_not_hold_cannot_be_ticked(string role, ApiTokenScopes forbidden)
    {
        await SignInAsync(role);

        var page = Render<ApiTokensPage>();

        Assert.True(page.Find($"[data-testid=scope-{forbidden}]").HasAttribute("disabled"));
        Assert.False(page.Find($"[data-testid=scope-{ApiTokenScopes.ReadCatalogue}]").HasAttribute("disabled"));
        Assert.Contains("not available to your roles", page.Find("[data-testid=token-scopes]").TextContent);
    }

    [Fact]
    public async Task The_expiry_defaults_to_90_days_and_cannot_be_picked_beyond_a_year()
    {
        await SignInAsync(PortalRoles.Contributor);

        var expiry = Render<ApiTokensPage>().Find("[data-testid=token-expiry]");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(today.AddDays(90).ToString("yyyy-MM-dd"), expiry.GetAttribute("value"));
        Assert.Equal(today.AddDays(365).ToString("yyyy-MM-dd"), expiry.GetAttribute("max"));
    }

    [Fact]
    public async Task Revoking_asks_for_confirmation_first_and_then_shows_the_token_as_revoked()
    {
        var userId = await SignInAsync(PortalRoles.Contributor);
        var created = await Tokens.CreatePersonalAsync(userId,
            new ApiTokenRequest("Old script", ApiTokenScopes.ReadCatalogue, DateTime.UtcNow.AddDays(10)));
        var page = Render<ApiTokensPage>();

        page.Find("[data-testid=revoke]").Click();

        Assert.Contains("Old script", page.Find("[data-testid=revoke-confirmation]").TextContent);
        Assert.True((await Tokens.ValidateAsync(created.Token)).Succeeded);
        page.Find("[data-testid=revoke-cancel]").Click();
        Assert.Empty(page.FindAll("[data-testid=revoke-confirmation]"));

        page.Find("[data-testid=revoke]").Click();
        await page.Find("[data-testid=revoke-confirm]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.StartsWith("Revoked", page.Find("[data-testid=token-status]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=revoke]"));
        Assert.Equal(ApiTokenFailure.Revoked, (await Tokens.ValidateAsync(created.Token)).Failure);
    }

    [Fact]
    public async Task A_consumer_creates_a_token_for_their_organisation_on_the_same_page()
    {
        var userId = await SignInAsync(PortalRoles.Consumer);
        var organisation = new Organisation { Name = "Northwind", Clearance = Tlp.Amber };
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.Organisations.Add(organisation);
            db.OrganisationMemberships.Add(new OrganisationMembership { OrganisationId = organisation.Id, UserId = userId });
            await db.SaveChangesAsync();
        }

        var page = Render<ApiTokensPage>();
        page.Find("[data-testid=token-owner]").Change(organisation.Id.ToString());
        page.Find("[data-testid=token-name]").Input("Northwind SIEM");
        await page.Find("[data-testid=token-create-submit]").ClickAsync(new());

        var secret = page.WaitForElement("[data-testid=new-token-secret]").GetAttribute("value")!;
        var caller = (await Tokens.ValidateAsync(secret)).Caller!;
        Assert.Equal(organisation.Id, caller.OrganisationId);
        Assert.Single(page.FindAll("[data-testid=organisation-tokens] [data-testid=token-row]"));
        Assert.Empty(await Tokens.ListForUserAsync(userId));
    }

    private async Task<string> SignInAsync(string role)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var user = new PortalUser { UserName = $"{role}@tests.aicti.local", Email = $"{role}@tests.aicti.local", DisplayName = role };
        var roleRow = await db.Roles.SingleOrDefaultAsync(r => r.Name == role) ?? new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
        db.Users.Add(user);
        if (db.Entry(roleRow).State == EntityState.Detached)
        {
            db.Roles.Add(roleRow);
        }

        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleRow.Id });
        await db.SaveChangesAsync();

        _auth.SetAuthorized(user.UserName);
        _auth.SetRoles(role);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));
        return user.Id;
    }
}
