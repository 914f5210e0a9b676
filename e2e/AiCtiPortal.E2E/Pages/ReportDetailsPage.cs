using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Pages;

/// <summary>
/// /reports/{id}: a report's rendered Markdown, techniques, indicators and references; for a published report also
/// "Propose a change", its proposed changes and its version history.
/// </summary>
public sealed partial class ReportDetailsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The summary, shown as the lead paragraph under the heading.</summary>
    public ILocator Summary => page.Locator("article.portal-report > p.portal-lead");

    public ILocator Markdown => page.GetByTestId("markdown");

    public ILocator Techniques => page.GetByTestId("report-techniques");

    public ILocator Indicators => page.GetByTestId("report-indicators");

    public ILocator ProposeButton => page.GetByRole(AriaRole.Button, new() { Name = "Propose a change", Exact = true });

    public ILocator Proposals => page.GetByTestId("proposal");

    public ILocator History => page.GetByTestId("report-history");

    public ILocator Versions => page.GetByTestId("report-version");

    public async Task GotoAsync(Guid id) => await page.GotoAsync($"/reports/{id}");

    /// <summary>
    /// Clicks "Propose a change" once the circuit is live (a click on the prerendered button does nothing), and waits
    /// for the editor of the new proposal; returns the proposal's id from its address.
    /// </summary>
    public async Task<Guid> ProposeChangeWhenInteractiveAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            await ProposeButton.ClickAsync();
            try
            {
                await page.WaitForURLAsync(EditorUrl(), new() { Timeout = 2_000 });
                break;
            }
            catch (Exception ex) when (ex is System.TimeoutException or PlaywrightException && attempt < 15)
            {
                // Not interactive yet; the prerendered button has no handler. (Proposing again reopens the same proposal.)
            }
        }

        await Expect(page.GetByTestId("proposal-target")).ToBeVisibleAsync();
        return Guid.Parse(EditorUrl().Match(page.Url).Groups["id"].Value);
    }

    [GeneratedRegex(@"/reports/(?<id>[0-9a-fA-F-]{36})/edit$")]
    private static partial Regex EditorUrl();
}
