using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Web.Components.Shared.Catalogue;

namespace AiCtiPortal.Web.ComponentTests.Catalogue;

public class FacetPanelTests : BunitContext
{
    private static readonly FacetCount[] Values =
    [
        new("Clear", "TLP:CLEAR", 12),
        new("Green", "TLP:GREEN", 0),
        new("Amber", "TLP:AMBER", 0),
    ];

    [Fact]
    public void Lists_values_with_their_counts_as_links_and_hides_empty_ones()
    {
        var panel = Render<FacetPanel>(p => p
            .Add(x => x.Name, "tlp").Add(x => x.Title, "TLP").Add(x => x.Values, Values)
            .Add(x => x.Href, f => $"reports?tlp={f.Key}").Add(x => x.IsSelected, _ => false));

        var link = Assert.Single(panel.FindAll("a"));
        Assert.Equal("reports?tlp=Clear", link.GetAttribute("href"));
        Assert.Equal("12", link.QuerySelector("[data-testid=facet-count]")!.TextContent);
        Assert.DoesNotContain("TLP:GREEN", panel.Markup);
    }

    [Fact]
    public void A_selected_value_stays_listed_and_marked_even_at_zero()
    {
        var panel = Render<FacetPanel>(p => p
            .Add(x => x.Name, "tlp").Add(x => x.Title, "TLP").Add(x => x.Values, Values)
            .Add(x => x.Href, f => $"reports?tlp={f.Key}").Add(x => x.IsSelected, f => f.Key == "Green"));

        var selected = panel.Find("a.selected");
        Assert.Equal("Green", selected.GetAttribute("data-facet-value"));
        Assert.Equal("true", selected.GetAttribute("aria-current"));
        Assert.Equal(2, panel.FindAll("a").Count);
    }

    [Fact]
    public void An_empty_facet_says_so()
    {
        var panel = Render<FacetPanel>(p => p
            .Add(x => x.Name, "technique").Add(x => x.Title, "ATLAS technique").Add(x => x.Values, Array.Empty<FacetCount>())
            .Add(x => x.Href, _ => "").Add(x => x.IsSelected, _ => false));

        Assert.Contains("None in these results.", panel.Markup);
    }
}
