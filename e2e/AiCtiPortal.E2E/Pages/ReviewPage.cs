using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AiCtiPortal.E2E.Pages;

/// <summary>/reviews/{id}: the submission, its diff against the previous version, the rubric and the decision.</summary>
public sealed partial class ReviewPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Form => page.GetByTestId("review-form");

    public ILocator FirstVersionNote => page.GetByTestId("diff-first-version");

    /// <summary>The note saying the submission is a proposed change, and to which published report.</summary>
    public ILocator ProposalNote => page.GetByTestId("review-proposal");

    public ILocator FieldChanges => page.GetByTestId("field-change");

    public ILocator Refusal => page.GetByTestId("review-refused");

    public ILocator Outcome => page.GetByTestId("review-outcome");

    public ILocator FormErrors => page.GetByTestId("review-form-errors");

    public ILocator Comment => Form.GetByLabel(CommentLabel());

    public ILocator RecordButton => Form.GetByRole(AriaRole.Button, new() { Name = "Record decision", Exact = true });

    /// <param name="decision">"Approve", "Request changes" or "Reject", as the form labels them.</param>
    public ILocator Decision(string decision) => Form.GetByRole(AriaRole.Radio, new() { Name = decision, Exact = true });

    private ILocator CommentLabelText => Form.Locator("label[for=review-comment]");

    /// <summary>
    /// Chooses a decision once the circuit is live. Before it attaches, a click only checks the prerendered radio and
    /// the first interactive render resets it; only the server turns the comment label from "(required)" into
    /// "(optional)" when Approve is chosen, so Approve is clicked until that happens, then the real choice is made.
    /// </summary>
    public async Task ChooseDecisionWhenInteractiveAsync(string decision)
    {
        for (var attempt = 1; ; attempt++)
        {
            await Decision("Approve").CheckAsync();
            try
            {
                await Expect(CommentLabelText).ToHaveTextAsync("Comment (optional)", new() { Timeout = 2_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 15)
            {
                // Not interactive yet.
            }
        }

        await Decision(decision).CheckAsync();
        await Expect(CommentLabelText).ToHaveTextAsync(decision == "Approve" ? "Comment (optional)" : "Comment (required)");
    }

    /// <summary>Gives every rubric criterion the same score.</summary>
    public async Task ScoreEveryCriterionAsync(int score)
    {
        var criteria = Form.Locator("fieldset.rubric-criterion");
        var count = await criteria.CountAsync();
        Assert.True(count >= 5, $"The rubric shows {count} criteria; at least five were expected.");
        for (var i = 0; i < count; i++)
        {
            await criteria.Nth(i).GetByRole(AriaRole.Radio, new() { Name = score.ToString(System.Globalization.CultureInfo.InvariantCulture), Exact = true }).CheckAsync();
        }
    }

    /// <summary>Chooses, scores, comments and records a decision, then waits for the outcome message.</summary>
    public async Task DecideAsync(string decision, string? comment, int score = 4)
    {
        await ChooseDecisionWhenInteractiveAsync(decision);
        await ScoreEveryCriterionAsync(score);
        if (comment is not null)
        {
            await Comment.FillAsync(comment);
        }

        await RecordButton.ClickAsync();
        await Expect(Outcome).ToBeVisibleAsync();
    }

    [GeneratedRegex("^Comment")]
    private static partial Regex CommentLabel();
}
