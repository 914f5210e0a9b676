using Microsoft.Playwright;

namespace AiCtiPortal.E2E.Pages;

/// <summary>/reviews: reports waiting for a decision, oldest first, never the reviewer's own.</summary>
public sealed class ReviewQueuePage(IPage page)
{
    public const string Path = "/reviews";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Review queue", Exact = true });

    public async Task GotoAsync() => await page.GotoAsync(Path);

    public ILocator Entry(string title) => page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true });
}
