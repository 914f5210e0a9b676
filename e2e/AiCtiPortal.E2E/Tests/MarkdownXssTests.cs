using AiCtiPortal.E2E.Infrastructure;
using AiCtiPortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Tests;

/// <summary>
/// Issue 5, item 7: a corpus of XSS payloads goes through the real renderer and a real browser, in the editor's live
/// preview and on the published report's page, and none of it executes.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class MarkdownXssTests(PortalFixture portal)
{
    /// <summary>
    /// Everything in the rendered Markdown that could run script, as the browser itself parsed it: script-capable
    /// elements, on* and style attributes, and any URL whose resolved scheme is not http, https or mailto.
    /// </summary>
    private const string FindDangerousMarkup = """
        container => {
          const forbidden = ['script', 'iframe', 'frame', 'object', 'embed', 'style', 'svg', 'math', 'form', 'input',
            'button', 'base', 'meta', 'link', 'details', 'body', 'template'];
          const problems = [];
          for (const node of container.querySelectorAll('*')) {
            const tag = node.tagName.toLowerCase();
            if (forbidden.includes(tag)) problems.push('<' + tag + '> element');
            for (const attribute of node.attributes) {
              const name = attribute.name.toLowerCase();
              if (name.startsWith('on') || name === 'style' || name === 'srcdoc' || name.includes('action')) {
                problems.push(tag + '[' + name + '="' + attribute.value + '"]');
              }
              if (name === 'href' || name === 'src' || name.endsWith(':href')) {
                const scheme = new URL(attribute.value, document.baseURI).protocol;
                if (!['http:', 'https:', 'mailto:'].includes(scheme)) {
                  problems.push(tag + '[' + name + '="' + attribute.value + '"] resolves to ' + scheme);
                }
              }
            }
          }
          return problems;
        }
        """;

    private const string UnsafeUrlSelector =
        "a[href^='javascript' i], img[src^='javascript' i], a[href^='vbscript' i], img[src^='vbscript' i], " +
        "a[href^='data:' i], img[src^='data:' i], [href*='script:' i], [src*='script:' i]";

    [Fact]
    public async Task Xss_corpus_renders_inert_in_the_live_preview_and_on_the_published_report()
    {
        var word = ReviewScenarios.UniqueWord("xss");
        var title = $"Markdown safety corpus {word}";
        var document = XssCorpus.Document();
        Guid id = default;

        await using (var contributor = await portal.SignedInSessionAsync(DemoAccount.Contributor))
        {
            var sentinel = await XssSentinel.InstallAsync(contributor);
            await BlockOtherSitesAsync(contributor);
            await portal.RunAsync(contributor, async page =>
            {
                var editor = new ReportEditorPage(page);
                await editor.GotoNewAsync();
                await editor.FillWhenInteractiveAsync(editor.Title, title);
                await editor.Summary.FillAsync("<img src=x onerror=\"window.__xss=1\"> summary payload, shown as text.");
                await editor.Body.FillAsync(document);
                await Expect(editor.Preview).ToContainTextAsync(XssCorpus.EndMarker);
                await AssertInertAsync(page, editor.Preview, sentinel);

                await editor.Phase("Model artifact").CheckAsync();
                await editor.WaitForAutosaveAsync();
                id = await editor.SubmitAsync();
                await sentinel.AssertNothingExecutedAsync(page);
            });
        }

        await using (var reviewer = await portal.SignedInSessionAsync(DemoAccount.Reviewer))
        {
            var sentinel = await XssSentinel.InstallAsync(reviewer);
            await BlockOtherSitesAsync(reviewer);
            await portal.RunAsync(reviewer, async page =>
            {
                var outcome = await ReviewScenarios.DecideFromQueueAsync(page, title, "Approve", comment: null);
                Assert.Contains("now published", outcome, StringComparison.Ordinal);
                await AssertInertAsync(page, page.GetByTestId("markdown"), sentinel);
            });
        }

        await using (var contributor = await portal.SignedInSessionAsync(DemoAccount.Contributor))
        {
            var sentinel = await XssSentinel.InstallAsync(contributor);
            await BlockOtherSitesAsync(contributor);
            await portal.RunAsync(contributor, async page =>
            {
                var detailsPath = $"/reports/{id}";
                await page.GotoAsync(detailsPath);
                var details = new ReportDetailsPage(page);
                await Expect(details.Heading).ToHaveTextAsync(title);
                await Expect(details.Markdown).ToContainTextAsync(XssCorpus.EndMarker);
                // Raw HTML is shown as text, which also proves the payloads reached the page.
                await Expect(details.Markdown).ToContainTextAsync("<script>window.__xss=1;alert(1)</script>");
                await AssertInertAsync(page, details.Markdown, sentinel);
                await ClickEveryLinkAsync(page, detailsPath, details, sentinel);
            });
        }
    }

    private static async Task AssertInertAsync(IPage page, ILocator markdown, XssSentinel sentinel)
    {
        await Expect(markdown.Locator("script")).ToHaveCountAsync(0);
        await Expect(markdown.Locator(UnsafeUrlSelector)).ToHaveCountAsync(0);
        var problems = await markdown.EvaluateAsync<string[]>(FindDangerousMarkup);
        Assert.True(problems.Length == 0, $"Dangerous markup was rendered: {string.Join("; ", problems)}");
        // Give any deferred handler (onload, autofocus, meta refresh) a moment to fire before looking.
        await page.WaitForTimeoutAsync(300);
        await sentinel.AssertNothingExecutedAsync(page);
    }

    /// <summary>
    /// Clicks each link the renderer kept, one at a time from a freshly loaded page. Navigation is allowed to happen
    /// (blocking it would also block a javascript: URL, which is the thing under test); other sites are answered by
    /// <see cref="BlockOtherSitesAsync"/>, so a click leaves the portal only for a stub page.
    /// </summary>
    private static async Task ClickEveryLinkAsync(IPage page, string detailsPath, ReportDetailsPage details, XssSentinel sentinel)
    {
        var count = await details.Markdown.Locator("a").CountAsync();
        Assert.True(count >= 3, $"Expected the corpus's safe links to stay clickable; found {count} links.");
        for (var i = 0; i < count; i++)
        {
            await page.GotoAsync(detailsPath);
            await Expect(details.Markdown).ToContainTextAsync(XssCorpus.EndMarker);
            var link = details.Markdown.Locator("a").Nth(i);
            var href = await link.GetAttributeAsync("href") ?? "";
            var scheme = await link.EvaluateAsync<string>("a => a.protocol");
            Assert.True(scheme is "http:" or "https:" or "mailto:", $"Link {i} ({href}) has scheme {scheme}.");
            await link.ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            await page.WaitForTimeoutAsync(200);
            await sentinel.AssertNothingExecutedAsync(page);
        }
    }

    /// <summary>The machine has no internet; answer every other site with an empty page so link clicks land somewhere.</summary>
    private async Task BlockOtherSitesAsync(BrowserSession session)
    {
        var portalOrigin = portal.Portal.BaseAddress.GetLeftPart(UriPartial.Authority);
        await session.Context.RouteAsync(
            url => !url.StartsWith(portalOrigin, StringComparison.OrdinalIgnoreCase),
            route => route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 200, ContentType = "text/html", Body = "<!doctype html><title>elsewhere</title><p>another site</p>",
            }));
    }
}
