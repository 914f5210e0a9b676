using AiCtiPortal.Web.Components.Shared;
using AiCtiPortal.Web.Markdown;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.ComponentTests.Shared;

public class MarkdownViewTests : BunitContext
{
    public MarkdownViewTests() => Services.AddSingleton<MarkdownRenderer>();

    [Fact]
    public void Renders_markdown_as_html()
    {
        var view = Render<MarkdownView>(p => p.Add(c => c.Source, "## Findings\n\nA **poisoned** model."));

        view.Find("h2").MarkupMatches("<h2>Findings</h2>");
        Assert.Equal("poisoned", view.Find("strong").TextContent);
    }

    [Fact]
    public void Shows_script_and_event_handler_html_as_text_only()
    {
        var view = Render<MarkdownView>(p => p.Add(c => c.Source,
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))"));

        Assert.Empty(view.FindAll("script"));
        Assert.Empty(view.FindAll("img"));
        Assert.Empty(view.FindAll("a"));
        Assert.Contains("<script>alert(1)</script>", view.Find("[data-testid=markdown]").TextContent);
    }

    [Fact]
    public void Shows_the_empty_text_when_there_is_no_markdown()
    {
        var view = Render<MarkdownView>(p => p.Add(c => c.Source, "").Add(c => c.EmptyText, "No narrative."));

        Assert.Equal("No narrative.", view.Find("p").TextContent);
    }
}
