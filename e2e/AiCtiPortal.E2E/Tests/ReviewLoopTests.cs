using System.Security.Cryptography;
using AiCtiPortal.E2E.Infrastructure;
using AiCtiPortal.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Tests;

/// <summary>
/// The curation loop in the browser (issue 5, item 9): a contributor drafts and submits, one reviewer sends it back,
/// the contributor fixes and resubmits, a second reviewer approves, and the report is in the catalogue.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ReviewLoopTests(PortalFixture portal)
{
    [Fact]
    public async Task Report_is_sent_back_fixed_resubmitted_approved_and_then_found_in_catalogue_search()
    {
        var word = ReviewScenarios.UniqueWord("loop");
        var title = $"Backdoored LoRA adapter {word} on a public model hub";
        var sha256 = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)); // upper case: the editor normalises it
        var domain = $"{word}-cdn.example[.]net"; // defanged: the editor normalises it
        var feedback = $"Please add how the adapter was found ({word}).";
        string techniqueId = "";

        await using (var contributor = await portal.SignedInSessionAsync(DemoAccount.Contributor))
        {
            await portal.RunAsync(contributor, async page =>
            {
                await new AtlasPage(page).WaitForImportedReleaseAsync();
                var editor = new ReportEditorPage(page);
                await editor.GotoNewAsync();
                await editor.FillWhenInteractiveAsync(editor.Title, title);
                await editor.Summary.FillAsync("A LoRA adapter whose pickled weights open a reverse shell on load.");
                await editor.Body.FillAsync("## How it works\n\nThe adapter ships **pickled** weights.\n\n- loads `os.system`\n");
                await Expect(editor.Preview.Locator("h2")).ToHaveTextAsync("How it works");
                await Expect(editor.Preview.Locator("strong")).ToHaveTextAsync("pickled");
                await editor.Phase("Model artifact").CheckAsync();
                await editor.Tlp.SelectOptionAsync("Green");
                await Expect(editor.Tlp).ToHaveValueAsync("Green");
                techniqueId = await editor.AddFirstTechniqueMatchingAsync("AML.T");

                var hash = await editor.AddIndicatorAsync();
                await hash.SelectTypeAsync("ModelFileSha256");
                await hash.TypeValueAsync("not-a-sha256");
                await Expect(hash.Errors.First).ToBeVisibleAsync();
                await hash.TypeValueAsync(sha256);
                await Expect(hash.Errors).ToHaveCountAsync(0);
                await Expect(hash.Feedback).ToContainTextAsync($"Valid: {sha256.ToLowerInvariant()}");

                var host = await editor.AddIndicatorAsync();
                await host.SelectTypeAsync("Domain");
                await host.TypeValueAsync(domain);
                await Expect(host.Feedback).ToContainTextAsync($"Valid: {word}-cdn.example.net");

                await editor.WaitForAutosaveAsync();
                await editor.SubmitAsync();
                await Expect(new MySubmissionsPage(page).For(title).Meta).ToContainTextAsync("In review");
            });
        }

        await using (var reviewer = await portal.SignedInSessionAsync(DemoAccount.Reviewer))
        {
            await portal.RunAsync(reviewer, async page =>
            {
                var queue = new ReviewQueuePage(page);
                await queue.GotoAsync();
                await ReviewScenarios.FollowAsync(page, queue.Entry(title));
                var review = new ReviewPage(page);
                await Expect(review.Heading).ToHaveTextAsync(title);
                await Expect(review.FirstVersionNote).ToBeVisibleAsync();

                // A request for changes without a comment is refused in the form.
                await review.ChooseDecisionWhenInteractiveAsync("Request changes");
                await review.ScoreEveryCriterionAsync(3);
                await review.RecordButton.ClickAsync();
                await Expect(review.FormErrors).ToContainTextAsync("A comment is required");

                await review.Comment.FillAsync(feedback);
                await review.RecordButton.ClickAsync();
                await Expect(review.Outcome).ToContainTextAsync("went back to its author");
            });
        }

        await using (var contributor = await portal.SignedInSessionAsync(DemoAccount.Contributor))
        {
            await portal.RunAsync(contributor, async page =>
            {
                var submissions = new MySubmissionsPage(page);
                await submissions.GotoAsync();
                var mine = submissions.For(title);
                await Expect(mine.Meta).ToContainTextAsync("Changes requested");
                await Expect(mine.Feedback).ToContainTextAsync(feedback);
                await ReviewScenarios.FollowAsync(page, mine.Link);

                var editor = new ReportEditorPage(page);
                await Expect(editor.Title).ToHaveValueAsync(title);
                await editor.FillWhenInteractiveAsync(
                    editor.Summary, "A LoRA adapter whose pickled weights open a reverse shell on load; found by a hub scan.");
                // Both indicators come back as typed (the editor does not promise their order). Read only once the circuit is
                // live: while it attaches, the component re-initialises and the rows briefly disappear.
                await Expect(editor.IndicatorRows).ToHaveCountAsync(2);
                var values = await editor.IndicatorRows.GetByLabel("Indicator value", new() { Exact = true })
                    .EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
                Assert.Equal(new[] { domain, sha256 }.Order(StringComparer.Ordinal), values.Order(StringComparer.Ordinal));
                await editor.Body.FillAsync("## How it works\n\nThe adapter ships **pickled** weights.\n\n## How it was found\n\nA hub-wide scan.\n");
                await Expect(editor.Preview.Locator("h2").Nth(1)).ToHaveTextAsync("How it was found");
                await editor.WaitForAutosaveAsync();
                await editor.SubmitAsync();
                await Expect(submissions.For(title).Meta).ToContainTextAsync("In review");
            });
        }

        await using (var reviewer2 = await portal.SignedInSessionAsync(DemoAccount.Reviewer2))
        {
            await portal.RunAsync(reviewer2, async page =>
            {
                var queue = new ReviewQueuePage(page);
                await queue.GotoAsync();
                await ReviewScenarios.FollowAsync(page, queue.Entry(title));
                var review = new ReviewPage(page);
                await Expect(review.Heading).ToHaveTextAsync(title);
                // The second version is compared with the first, not presented as new.
                await Expect(review.FirstVersionNote).ToHaveCountAsync(0);
                await review.DecideAsync("Approve", comment: null);
                await Expect(review.Outcome).ToContainTextAsync("now published");
            });
        }

        await using (var contributor = await portal.SignedInSessionAsync(DemoAccount.Contributor))
        {
            await portal.RunAsync(contributor, async page =>
            {
                var reports = new ReportsPage(page);
                await reports.SearchAsync(word);
                await ReviewScenarios.FollowAsync(page, reports.Report(title));

                var details = new ReportDetailsPage(page);
                await Expect(details.Heading).ToHaveTextAsync(title);
                await Expect(page.GetByText("Published", new() { Exact = true }).First).ToBeVisibleAsync();
                await Expect(details.Markdown).ToContainTextAsync("A hub-wide scan.");
                await Expect(details.Techniques).ToContainTextAsync(techniqueId);
                await Expect(details.Indicators).ToContainTextAsync(sha256.ToLowerInvariant());
                await Expect(details.Indicators).ToContainTextAsync($"{word}-cdn.example.net");
            });
        }
    }

    [Fact]
    public async Task Reviewer_does_not_see_their_own_submission_in_the_queue()
    {
        var word = ReviewScenarios.UniqueWord("own");
        var title = $"Reviewer-authored report {word} about a poisoned dataset mirror";
        Guid id = default;

        await using (var reviewer = await portal.SignedInSessionAsync(DemoAccount.Reviewer))
        {
            await portal.RunAsync(reviewer, async page =>
            {
                id = await ReviewScenarios.WriteAndSubmitAsync(
                    page, title, "A dataset mirror served poisoned shards.", "The mirror swapped **three** shards.");

                var queue = new ReviewQueuePage(page);
                await queue.GotoAsync();
                await Expect(queue.Heading).ToBeVisibleAsync();
                await Expect(queue.Entry(title)).ToHaveCountAsync(0);

                // Going to the review page directly does not help either.
                await page.GotoAsync($"/reviews/{id}");
                var review = new ReviewPage(page);
                await Expect(review.Refusal).ToContainTextAsync("You cannot review your own report");
                await Expect(review.Form).ToHaveCountAsync(0);
            });
        }

        // Another reviewer does see it, so its absence above is not an empty or stale queue.
        await using (var reviewer2 = await portal.SignedInSessionAsync(DemoAccount.Reviewer2))
        {
            await portal.RunAsync(reviewer2, async page =>
            {
                var queue = new ReviewQueuePage(page);
                await queue.GotoAsync();
                await Expect(queue.Entry(title)).ToBeVisibleAsync();
            });
        }
    }
}
