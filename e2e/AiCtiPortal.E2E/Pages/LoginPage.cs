using AiCtiPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace AiCtiPortal.E2E.Pages;

/// <summary>/Account/Login: the labelled Email and Password fields and the "Sign in" button.</summary>
public sealed class LoginPage(IPage page)
{
    public const string Path = "/Account/Login";

    public ILocator Email => page.GetByLabel("Email", new() { Exact = true });

    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });

    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    public async Task GotoAsync() => await page.GotoAsync(Path);

    public async Task SignInAsync(DemoAccount account)
    {
        await GotoAsync();
        await Email.FillAsync(account.Email);
        await Password.FillAsync(DemoAccount.Password);
        await SignInButton.ClickAsync();
        // The form posts and redirects to the return URL; enhanced navigation may change the URL without a load.
        await page.WaitForURLAsync(url => !url.Contains(Path, StringComparison.OrdinalIgnoreCase));
    }
}
