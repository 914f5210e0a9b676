using Microsoft.Playwright;

namespace AiCtiPortal.E2E.Pages;

/// <summary>/my/submissions: the signed-in author's reports with status, reviewer feedback and history.</summary>
public sealed class MySubmissionsPage(IPage page)
{
    public const string Path = "/my/submissions";

    public ILocator SubmittedNotice => page.GetByTestId("submitted-notice");

    public async Task GotoAsync() => await page.GotoAsync(Path);

    /// <summary>The card of the report whose title link reads exactly <paramref name="title"/>.</summary>
    public Submission For(string title) => new(page.GetByTestId("submission")
        .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) }), title);

    public sealed class Submission(ILocator card, string title)
    {
        public ILocator Card => card;

        /// <summary>Status badge, TLP, version and date: the line under the title.</summary>
        public ILocator Meta => card.Locator(".portal-meta");

        public ILocator Feedback => card.GetByTestId("reviewer-feedback");

        public ILocator History => card.GetByTestId("submission-history");

        /// <summary>The title link: to the editor while the report is editable, else to its details page.</summary>
        public ILocator Link => card.GetByRole(AriaRole.Link, new() { Name = title, Exact = true });
    }
}
