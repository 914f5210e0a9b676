using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Catalogue;

namespace AiCtiPortal.Web.ComponentTests.Catalogue;

public class ReportCatalogueUrlTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    private static ReportCatalogueUrl Parse(string? q = null, string? phase = null, string? technique = null, string? type = null,
        string? tlp = null, string? conf = null, string? published = null, string? score = null, string? sort = null, string? page = null) =>
        ReportCatalogueUrl.Parse(q, phase, technique, type, tlp, conf, published, score, sort, page);

    [Fact]
    public void Every_parameter_round_trips_through_the_link()
    {
        var url = Parse("pickle exec", "Data,Training", "AML.T0010", "Url,ModelFileSha256", "Green", "75-100", "30d", "4", "score", "3");

        Assert.Equal(
            "reports?q=pickle%20exec&phase=Data,Training&technique=AML.T0010&type=Url,ModelFileSha256&tlp=Green&conf=75-100&published=30d&score=4&sort=score&page=3",
            url.ToUri());
    }

    [Fact]
    public void The_query_carries_every_filter()
    {
        var query = Parse("pickle", "Data", "AML.T0010", "Url", "Green", "50-74", "7d", "3", "oldest", "2").ToQuery(Now, 20);

        Assert.Equal("pickle", query.Text);
        Assert.Equal([SupplyChainPhase.Data], query.Phases);
        Assert.Equal(["AML.T0010"], query.TechniqueIds);
        Assert.Equal([IndicatorType.Url], query.IndicatorTypes);
        Assert.Equal([Tlp.Green], query.Tlps);
        Assert.Equal((50, 74), (query.MinConfidence, query.MaxConfidence));
        Assert.Equal(Now.AddDays(-7), query.PublishedFrom);
        Assert.Equal(3, query.MinScore);
        Assert.Equal((CatalogueSort.Oldest, 2, 20), (query.Sort, query.Page, query.PageSize));
    }

    [Fact]
    public void Nonsense_values_are_dropped_rather_than_failing()
    {
        var url = Parse(" ", "Nope,63,None", "x'; DROP TABLE", "9", "Purple", "90-10", "-3d", "7", "drop", "-1");

        Assert.Equal("reports", url.ToUri());
        Assert.False(url.HasFilters);
    }

    [Fact]
    public void Toggling_a_facet_value_adds_or_removes_it_and_returns_to_page_one()
    {
        var url = Parse(phase: "Data", page: "4");

        Assert.Equal("reports?phase=Data,Training", url.Toggle(SupplyChainPhase.Training).ToUri());
        Assert.Equal("reports", url.Toggle(SupplyChainPhase.Data).ToUri());
        Assert.Equal("reports?phase=Data&conf=0-24", url.WithConfidence("0-24").ToUri());
        Assert.Equal("reports?phase=Data&page=4", (url.WithConfidence("0-24").WithConfidence("0-24") with { Page = 4 }).ToUri());
    }

    [Fact]
    public void Each_chip_links_to_the_state_without_its_filter()
    {
        var url = Parse("hub", "Data", tlp: "Clear", score: "4");

        var chips = url.Chips().ToDictionary(c => c.Label, c => c.Without.ToUri());

        Assert.Equal("reports?phase=Data&tlp=Clear&score=4", chips["“hub”"]);
        Assert.Equal("reports?q=hub&tlp=Clear&score=4", chips["Data"]);
        Assert.Equal("reports?q=hub&phase=Data&score=4", chips["TLP:CLEAR"]);
        Assert.Equal("reports?q=hub&phase=Data&tlp=Clear", chips["Score 4+"]);
    }

    [Fact]
    public void The_search_form_keeps_the_filters_but_not_the_text_or_page()
    {
        var fields = Parse("hub", "Data", sort: "title", page: "2").HiddenFields().ToDictionary(f => f.Key, f => f.Value);

        Assert.Equal(new Dictionary<string, string?> { ["phase"] = "Data", ["sort"] = "title" }, fields);
    }
}
