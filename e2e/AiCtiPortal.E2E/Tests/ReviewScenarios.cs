using System.Security.Cryptography;
using AiCtiPortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Tests;

/// <summary>Steps several review tests share, done through the UI exactly as a person would.</summary>
internal static class ReviewScenarios
{
    /// <summary>A word no other test (or earlier run) uses, so each test finds only its own data.</summary>
    public static string UniqueWord(string prefix) => $"{prefix}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";

    /// <summary>Writes a minimal complete report (GREEN, one phase) in the editor and submits it; returns its id.</summary>
    public static async Task<Guid> WriteAndSubmitAsync(IPage page, string title, string summary, string body)
    {
        var editor = new ReportEditorPage(page);
        await editor.GotoNewAsync();
        await editor.FillWhenInteractiveAsync(editor.Title, title);
        await editor.Summary.FillAsync(summary);
        await editor.Body.FillAsync(body);
        await editor.Phase("Model artifact").CheckAsync();
        await editor.WaitForAutosaveAsync();
        return await editor.SubmitAsync();
    }

    /// <summary>
    /// Follows a link by loading its address. Clicking a link while a freshly loaded page's circuit is still
    /// attaching can leave Blazor rendering the old page under the new URL; loading the href avoids that race.
    /// </summary>
    public static async Task FollowAsync(IPage page, ILocator link)
    {
        await Expect(link).ToBeVisibleAsync();
        var href = await link.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href), "The link has no href.");
        await page.GotoAsync(href);
    }

    /// <summary>Opens the report from the review queue and records a decision; returns the outcome message.</summary>
    public static async Task<string> DecideFromQueueAsync(IPage page, string title, string decision, string? comment)
    {
        var queue = new ReviewQueuePage(page);
        await queue.GotoAsync();
        await FollowAsync(page, queue.Entry(title));
        var review = new ReviewPage(page);
        await Expect(review.Heading).ToHaveTextAsync(title);
        await review.DecideAsync(decision, comment);
        return await review.Outcome.InnerTextAsync();
    }
}
