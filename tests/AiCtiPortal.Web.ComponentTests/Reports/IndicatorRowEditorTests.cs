using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Web.Components.Pages.Reports;
using Microsoft.AspNetCore.Components;

namespace AiCtiPortal.Web.ComponentTests.Reports;

public class IndicatorRowEditorTests : BunitContext
{
    [Fact]
    public void Typing_an_invalid_value_shows_the_catalogue_errors_at_once()
    {
        var row = new DraftIndicator { Type = IndicatorType.ModelFileSha256 };
        var changes = 0;
        var editor = Render<IndicatorRowEditor>(p => p.Add(c => c.Row, row).Add(c => c.OnChanged, () => changes++));

        editor.Find("input").Input(new ChangeEventArgs { Value = "not-a-hash" });

        var expected = IndicatorCatalogue.Validate(IndicatorType.ModelFileSha256, "not-a-hash");
        Assert.False(expected.IsValid);
        var feedback = editor.Find("[data-testid=indicator-feedback]").TextContent;
        Assert.All(expected.Errors, error => Assert.Contains(error, feedback));
        Assert.Equal("not-a-hash", row.Value);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void A_valid_value_shows_its_normalised_form()
    {
        var row = new DraftIndicator { Type = IndicatorType.ModelFileSha256 };
        var editor = Render<IndicatorRowEditor>(p => p.Add(c => c.Row, row));

        editor.Find("input").Input(new ChangeEventArgs { Value = " " + new string('A', 64) + " " });

        Assert.Contains($"Valid: {new string('a', 64)}", editor.Find("[data-testid=indicator-feedback]").TextContent);
    }

    [Fact]
    public void Changing_the_type_revalidates_the_value_against_the_new_type()
    {
        var row = new DraftIndicator { Type = IndicatorType.PickleImport, Value = "posix.system" };
        var editor = Render<IndicatorRowEditor>(p => p.Add(c => c.Row, row));
        Assert.Contains("Valid:", editor.Find("[data-testid=indicator-feedback]").TextContent);

        editor.Find("select").Change(new ChangeEventArgs { Value = nameof(IndicatorType.ModelFileSha256) });

        Assert.Equal(IndicatorType.ModelFileSha256, row.Type);
        Assert.DoesNotContain("Valid:", editor.Find("[data-testid=indicator-feedback]").TextContent);
    }
}
