using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Pages;

/// <summary>
/// /indicators/check: an interactive (Blazor Server) form that validates and normalises one indicator value and
/// counts the checks done in the session, so a click visibly changes server-side state.
/// </summary>
public sealed class IndicatorCheckPage(IPage page)
{
    public const string Path = "/indicators/check";

    public ILocator Type => page.GetByLabel("Type", new() { Exact = true });

    /// <summary>The chosen type's description, rendered by the server whenever the type changes.</summary>
    public ILocator TypeHelp => page.GetByTestId("check-type-help");

    public ILocator Value => page.GetByLabel("Value", new() { Exact = true });

    public ILocator CheckButton => page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true });

    public ILocator Result => page.GetByTestId("check-result");

    public ILocator Count => page.GetByTestId("check-count");

    public async Task GotoAsync() => await page.GotoAsync(Path);

    /// <summary>
    /// Waits until the circuit has attached to the prerendered form. Until then the browser drops events (and a
    /// value typed early is lost when the component takes over), so the test changes the type, which only a live
    /// circuit answers by re-rendering the description, and only then fills and clicks.
    /// </summary>
    public async Task WaitUntilInteractiveAsync()
    {
        var current = await Type.InputValueAsync();
        var values = await Type.Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        var other = values.First(v => v != current);
        var description = await TypeHelp.InnerTextAsync();
        for (var attempt = 1; ; attempt++)
        {
            await Type.SelectOptionAsync(other);
            try
            {
                await Expect(TypeHelp).Not.ToHaveTextAsync(description, new() { Timeout = 2_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 15)
            {
                // Not attached yet; the next change event will be seen once it is.
            }
        }
    }

    /// <param name="type">The IndicatorType name, which is each option's value.</param>
    public async Task CheckAsync(string type, string value)
    {
        await Type.SelectOptionAsync(type);
        await Value.FillAsync(value);
        await CheckButton.ClickAsync();
    }
}
