using Microsoft.Playwright;

namespace AiCtiPortal.E2E.Pages;

/// <summary>/reports: the list of threat reports the signed-in user may see, each title linking to its details.</summary>
public sealed class ReportsPage(IPage page)
{
    public const string Path = "/reports";

    /// <summary>A published TLP:CLEAR demo report, so every role (and an anonymous visitor) may see it.</summary>
    public const string SeededClearReport =
        "Typosquatted ML packages on PyPI exfiltrate environment variables at install time";

    public async Task GotoAsync() => await page.GotoAsync(Path);

    /// <summary>The catalogue search as a shareable address: /reports?q=term.</summary>
    public async Task SearchAsync(string term) => await page.GotoAsync($"{Path}?q={Uri.EscapeDataString(term)}");

    public ILocator Report(string title) => page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true });
}
