using AiCtiPortal.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Pages;

/// <summary>The main layout around every page: who is signed in, their roles, and the "Sign out" button.</summary>
public sealed class Layout(IPage page)
{
    public ILocator CurrentUser => page.GetByTestId("current-user");

    public ILocator CurrentRoles => page.GetByTestId("current-roles");

    public ILocator SignOutButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });

    public async Task ExpectSignedInAsync(DemoAccount account)
    {
        await Expect(CurrentRoles).ToContainTextAsync(account.Role);
        await Expect(CurrentUser).Not.ToBeEmptyAsync();
    }
}
