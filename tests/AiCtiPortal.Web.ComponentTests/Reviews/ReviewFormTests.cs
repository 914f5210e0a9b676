using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Web.Components.Pages.Reviews;

namespace AiCtiPortal.Web.ComponentTests.Reviews;

public class ReviewFormTests : BunitContext
{
    private ReviewForm.Submission? _decided;

    private IRenderedComponent<ReviewForm> RenderForm() =>
        Render<ReviewForm>(p => p.Add(c => c.OnDecide, (ReviewForm.Submission s) => _decided = s));

    private static void Score(IRenderedComponent<ReviewForm> form, string criterion, int score) =>
        form.Find($"[data-testid=rubric-{criterion}] input[value=\"{score}\"]").Change(true);

    private static void Choose(IRenderedComponent<ReviewForm> form, ReviewDecision decision) =>
        form.Find($"input[name=decision][value={decision}]").Change(true);

    [Fact]
    public void Every_criterion_shows_its_guidance()
    {
        var form = RenderForm();

        Assert.All(RubricScores.Criteria, c => Assert.Contains(c.Guidance, form.Markup));
    }

    [Fact]
    public void A_decision_is_not_recorded_until_every_criterion_is_scored()
    {
        var form = RenderForm();
        Score(form, "Evidence", 4);
        Score(form, "Specificity", 3);
        Choose(form, ReviewDecision.Approve);

        form.Find("button").Click();

        Assert.Null(_decided);
        var errors = form.Find("[data-testid=review-form-errors]").TextContent;
        Assert.Contains("Correctness", errors);
        Assert.Contains("Novelty", errors);
        Assert.Contains("Completeness", errors);
        Assert.DoesNotContain("Evidence", errors);
    }

    [Fact]
    public void Requesting_changes_without_a_comment_is_refused_and_with_one_is_recorded()
    {
        var form = RenderForm();
        foreach (var criterion in RubricScores.Criteria)
        {
            Score(form, criterion.Key, 3);
        }

        Choose(form, ReviewDecision.RequestChanges);
        form.Find("button").Click();
        Assert.Null(_decided);
        Assert.Contains("A comment is required", form.Find("[data-testid=review-form-errors]").TextContent);

        form.Find("textarea").Input("Add the hashes.");
        form.Find("button").Click();

        Assert.Equal(new ReviewForm.Submission(ReviewDecision.RequestChanges, "Add the hashes.", new RubricScores(3, 3, 3, 3, 3)), _decided);
    }
}
