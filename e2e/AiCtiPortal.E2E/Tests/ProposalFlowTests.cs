using AiCtiPortal.E2E.Infrastructure;
using AiCtiPortal.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Tests;

/// <summary>
/// The proposal flow in the browser (issue 5, items 4 and 9): a published report changes only through a proposed
/// change that another contributor writes and a reviewer approves, and the report then shows it as version 2.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ProposalFlowTests(PortalFixture portal)
{
    [Fact]
    public async Task A_contributors_proposed_change_is_approved_and_the_report_shows_it_as_version_2()
    {
        var word = ReviewScenarios.UniqueWord("proposal");
        var title = $"Poisoned tokenizer config {word} on a model hub";
        var originalSummary = "A tokenizer config that downloads a remote script.";
        var revisedSummary = $"A tokenizer config that downloads a remote script; the hub removed it ({word}).";
        Guid reportId = default;

        // A report by one person (a reviewer writes as a contributor too), published by another.
        await using (var author = await portal.SignedInSessionAsync(DemoAccount.Reviewer2))
        {
            await portal.RunAsync(author, async page =>
            {
                reportId = await ReviewScenarios.WriteAndSubmitAsync(
                    page, title, originalSummary, "The config names a **remote** script.");
            });
        }

        await using (var reviewer = await portal.SignedInSessionAsync(DemoAccount.Reviewer))
        {
            await portal.RunAsync(reviewer, async page =>
                Assert.Contains("now published", await ReviewScenarios.DecideFromQueueAsync(page, title, "Approve", comment: null)));
        }

        // Any contributor may propose a change: here someone who did not write the report.
        await using (var contributor = await portal.SignedInSessionAsync(DemoAccount.Contributor))
        {
            await portal.RunAsync(contributor, async page =>
            {
                var details = new ReportDetailsPage(page);
                await details.GotoAsync(reportId);
                await Expect(details.Heading).ToHaveTextAsync(title);
                await details.ProposeChangeWhenInteractiveAsync();

                var editor = new ReportEditorPage(page);
                await Expect(editor.ProposalTarget).ToContainTextAsync($"Proposed change to {title} (version 1)");
                await Expect(editor.Title).ToHaveValueAsync(title);
                await editor.FillWhenInteractiveAsync(editor.Summary, revisedSummary);
                await editor.WaitForAutosaveAsync();
                await editor.SubmitAsync();

                var submissions = new MySubmissionsPage(page);
                var mine = submissions.For(title);
                await Expect(mine.Meta).ToContainTextAsync("In review");
                await Expect(mine.Card.GetByTestId("submission-proposal")).ToContainTextAsync(title);

                // Until a reviewer approves, the published report is unchanged.
                await details.GotoAsync(reportId);
                await Expect(details.Summary).ToHaveTextAsync(originalSummary);
                await Expect(details.Proposals).ToContainTextAsync("In review");
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
                await Expect(review.ProposalNote).ToContainTextAsync(title);
                // Compared with the published version, so only the summary differs.
                await Expect(review.FieldChanges).ToHaveCountAsync(1);
                await Expect(review.FieldChanges).ToContainTextAsync(revisedSummary);
                await review.DecideAsync("Approve", comment: null);
                await Expect(review.Outcome).ToContainTextAsync("proposal was accepted");
            });
        }

        await using (var reader = await portal.SignedInSessionAsync(DemoAccount.Consumer))
        {
            await portal.RunAsync(reader, async page =>
            {
                var details = new ReportDetailsPage(page);
                await details.GotoAsync(reportId);
                await Expect(details.Heading).ToHaveTextAsync(title);
                await Expect(details.Summary).ToHaveTextAsync(revisedSummary);
                await Expect(details.Versions.First).ToContainTextAsync("Version 2");
                await Expect(details.Versions.First).ToContainTextAsync("Proposal by");
                await Expect(details.History).ToContainTextAsync("Version 1");
                await Expect(details.Proposals).ToContainTextAsync("Accepted");
            });
        }
    }
}
