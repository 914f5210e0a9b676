using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Components.Shared;

namespace AiCtiPortal.Web.ComponentTests.Shared;

public class TlpBadgeTests : BunitContext
{
    [Theory]
    [InlineData(Tlp.Clear, "TLP:CLEAR", "tlp-clear")]
    [InlineData(Tlp.Green, "TLP:GREEN", "tlp-green")]
    [InlineData(Tlp.Amber, "TLP:AMBER", "tlp-amber")]
    [InlineData(Tlp.AmberStrict, "TLP:AMBER+STRICT", "tlp-amber")]
    [InlineData(Tlp.Red, "TLP:RED", "tlp-red")]
    public void Shows_the_TLP_2_label_and_colour(Tlp tlp, string label, string cssClass)
    {
        var badge = Render<TlpBadge>(p => p.Add(c => c.Value, tlp));

        var span = badge.Find("[data-testid=tlp-badge]");
        Assert.Equal(label, span.TextContent);
        Assert.Contains(cssClass, span.ClassList);
    }

    [Fact]
    public void Explains_the_marking_in_a_tooltip()
    {
        var badge = Render<TlpBadge>(p => p.Add(c => c.Value, Tlp.Red));

        Assert.Contains("individual recipients", badge.Find("span").GetAttribute("title"));
    }
}
