using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Pages;

/// <summary>/admin/scan-policy: the curators' editor of the scan policy's rules, with its history.</summary>
public sealed class ScanPolicyPage(IPage page)
{
    public const string Path = "/admin/scan-policy";

    public ILocator DeniedPatterns => page.GetByTestId("policy-section-deniedGlobals").GetByTestId("rule-pattern");

    public ILocator DeniedReasons => page.GetByTestId("policy-section-deniedGlobals").GetByTestId("rule-reason");

    public ILocator DeniedErrors => page.GetByTestId("policy-section-deniedGlobals").GetByTestId("rule-error");

    public ILocator Note => page.GetByTestId("policy-note");

    public ILocator SaveButton => page.GetByTestId("policy-save");

    public ILocator Message => page.GetByTestId("policy-message");

    public ILocator InUse => page.GetByTestId("policy-in-use");

    public ILocator History => page.GetByTestId("policy-history");

    public async Task GotoAsync() => await page.GotoAsync(Path);

    /// <summary>
    /// Adds an empty deny rule, clicking again if need be: a click before the circuit attaches to the prerendered
    /// page does nothing, and only the live circuit adds the row.
    /// </summary>
    public async Task AddDeniedRuleAsync()
    {
        var before = await DeniedPatterns.CountAsync();
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId("add-rule-deniedGlobals").ClickAsync();
            try
            {
                await Expect(DeniedPatterns).ToHaveCountAsync(before + 1, new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
    }
}
