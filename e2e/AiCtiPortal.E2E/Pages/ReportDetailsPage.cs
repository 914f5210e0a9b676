using Microsoft.Playwright;

namespace AiCtiPortal.E2E.Pages;

/// <summary>/reports/{id}: a report's rendered Markdown, techniques, indicators and references.</summary>
public sealed class ReportDetailsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Markdown => page.GetByTestId("markdown");

    public ILocator Techniques => page.GetByTestId("report-techniques");

    public ILocator Indicators => page.GetByTestId("report-indicators");
}
