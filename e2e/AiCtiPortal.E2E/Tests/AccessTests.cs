using System.Text.RegularExpressions;
using AiCtiPortal.E2E.Infrastructure;
using AiCtiPortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Tests;

/// <summary>Who may open the administration pages, and signing out, seen from the browser.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class AccessTests(PortalFixture portal)
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_login_for_admin_users()
    {
        await using var session = await portal.AnonymousSessionAsync();
        await portal.RunAsync(session, async page =>
        {
            await page.GotoAsync("/admin/users");
            await Expect(page).ToHaveURLAsync(LoginWithReturnUrl());
            await Expect(new LoginPage(page).SignInButton).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Curator_opens_the_job_dashboard()
    {
        await using var session = await portal.SignedInSessionAsync(DemoAccount.Curator);
        await portal.RunAsync(session, async page =>
        {
            var response = await page.GotoAsync("/admin/jobs");
            Assert.True(response?.Ok, $"/admin/jobs answered {response?.Status}");
            await Expect(page).ToHaveURLAsync(new Regex("/admin/jobs$"));
            await Expect(new Layout(page).CurrentRoles).ToContainTextAsync(DemoAccount.Curator.Role);
            await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = JobsHeading() }).First).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Consumer_is_denied_the_job_dashboard()
    {
        await using var session = await portal.SignedInSessionAsync(DemoAccount.Consumer);
        await portal.RunAsync(session, async page =>
        {
            await page.GotoAsync("/admin/jobs");
            await Expect(page).ToHaveURLAsync(new Regex("/Account/AccessDenied", RegexOptions.IgnoreCase));
        });
    }

    [Fact]
    public async Task Signed_in_user_signs_out_and_is_anonymous_again()
    {
        await using var session = await portal.SignedInSessionAsync(DemoAccount.Contributor);
        await portal.RunAsync(session, async page =>
        {
            await page.GotoAsync("/");
            var layout = new Layout(page);
            await layout.ExpectSignedInAsync(DemoAccount.Contributor);
            await layout.SignOutButton.ClickAsync();
            await Expect(layout.CurrentUser).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        });
    }

    [GeneratedRegex("/Account/Login\\?ReturnUrl=%2Fadmin%2Fusers", RegexOptions.IgnoreCase)]
    private static partial Regex LoginWithReturnUrl();

    [GeneratedRegex("job", RegexOptions.IgnoreCase)]
    private static partial Regex JobsHeading();
}
