using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace AiCtiPortal.Web.ComponentTests.Shared;

public class IndicatorCheckerTests : BunitContext
{
    public IndicatorCheckerTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    private static readonly string ValidSha256 = new('a', 64);

    [Fact]
    public void Shows_no_verdict_and_a_zero_counter_before_any_check()
    {
        var checker = Render<IndicatorChecker>();

        Assert.Empty(checker.FindAll("[data-testid=check-result]"));
        Assert.Equal("0", checker.Find("[data-testid=check-count]").TextContent);
    }

    [Fact]
    public void Typing_a_valid_value_and_clicking_check_shows_the_normalized_value()
    {
        var checker = Render<IndicatorChecker>();

        checker.Find("#check-type").Change(new ChangeEventArgs { Value = nameof(IndicatorType.ModelFileSha256) });
        checker.Find("#check-value").Input(new ChangeEventArgs { Value = "  " + ValidSha256.ToUpperInvariant() + " " });
        checker.Find("button").Click();

        var expected = IndicatorCatalogue.Validate(IndicatorType.ModelFileSha256, "  " + ValidSha256.ToUpperInvariant() + " ");
        Assert.True(expected.IsValid);
        Assert.Equal($"Valid: {expected.NormalizedValue}", checker.Find("[data-testid=check-result]").TextContent);
        Assert.Equal("1", checker.Find("[data-testid=check-count]").TextContent);
    }

    [Fact]
    public void An_invalid_value_shows_the_catalogue_errors_and_each_click_counts()
    {
        var checker = Render<IndicatorChecker>();

        checker.Find("#check-type").Change(new ChangeEventArgs { Value = nameof(IndicatorType.ModelFileSha256) });
        checker.Find("#check-value").Input(new ChangeEventArgs { Value = "not-a-hash" });
        checker.Find("button").Click();
        checker.Find("button").Click();

        var result = checker.Find("[data-testid=check-result]").TextContent;
        Assert.StartsWith("Invalid:", result);
        var expected = IndicatorCatalogue.Validate(IndicatorType.ModelFileSha256, "not-a-hash");
        Assert.Contains(expected.Errors[0], result);
        Assert.Equal("2", checker.Find("[data-testid=check-count]").TextContent);
    }

    [Fact]
    public void Changing_the_type_shows_its_description_and_example()
    {
        var checker = Render<IndicatorChecker>();

        checker.Find("#check-type").Change(new ChangeEventArgs { Value = nameof(IndicatorType.Url) });

        var info = IndicatorCatalogue.Describe(IndicatorType.Url);
        Assert.Contains(info.Example, checker.Find("[data-testid=check-type-help]").TextContent);
    }
}
