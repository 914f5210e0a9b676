using AiCtiPortal.Web.Markdown;

namespace AiCtiPortal.Web.ComponentTests.Markdown;

public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Renders_headings_emphasis_and_tables()
    {
        var html = _renderer.ToHtml("# Title\n\n*careful*\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        Assert.Contains("<h1>Title</h1>", html);
        Assert.Contains("<em>careful</em>", html);
        Assert.Contains("<table>", html);
    }

    [Fact]
    public void Keeps_http_https_mailto_and_relative_links_with_nofollow()
    {
        var html = _renderer.ToHtml("[a](https://atlas.mitre.org) [b](http://x.test) [c](mailto:cti@x.test) [d](/reports)");

        Assert.Contains("href=\"https://atlas.mitre.org\"", html);
        Assert.Contains("href=\"http://x.test\"", html);
        Assert.Contains("href=\"mailto:cti@x.test\"", html);
        Assert.Contains("href=\"/reports\"", html);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html);
    }

    [Theory]
    [InlineData("[click me](javascript:alert(1))")]
    [InlineData("[click me](JaVaScRiPt:alert(1))")]
    [InlineData("[click me](&#106;avascript:alert(1))")]
    [InlineData("[click me](vbscript:msgbox(1))")]
    [InlineData("[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    public void Renders_links_with_unsafe_schemes_as_plain_text(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain("href", html);
        Assert.Contains("click me", html);
    }

    [Fact]
    public void Renders_an_unsafe_autolink_as_plain_text()
    {
        var html = _renderer.ToHtml("<javascript:alert(1)>");

        Assert.DoesNotContain("href", html);
    }

    [Fact]
    public void Escapes_script_tags_instead_of_emitting_them()
    {
        var html = _renderer.ToHtml("Hello <script>alert('x')</script>\n\n<script>alert(2)</script>");

        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Escapes_raw_img_tags_with_event_handlers()
    {
        var html = _renderer.ToHtml("<img src=x onerror=\"alert(1)\">\n\ninline <img src=x onerror=alert(1)> too");

        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img", html);
    }

    [Fact]
    public void Replaces_images_with_data_or_script_urls_by_their_alt_text()
    {
        var html = _renderer.ToHtml("![a pixel](data:image/png;base64,iVBORw0KGgo=) ![evil](javascript:alert(1))");

        Assert.DoesNotContain("<img", html);
        Assert.Contains("a pixel", html);
        Assert.Contains("evil", html);
    }

    [Theory]
    [InlineData("https://tracker.example.test/d.png", "tracker.example.test")]
    [InlineData("//tracker.example.test/d.png", "//tracker.example.test/d.png")]
    [InlineData("/\\tracker.example.test/d.png", "/\\tracker.example.test/d.png")]
    public void Turns_remote_images_into_links_so_reading_a_report_fetches_nothing(string url, string shownHost)
    {
        var html = _renderer.ToHtml($"![diagram]({url})");

        Assert.DoesNotContain("<img", html);
        Assert.Contains($">Image: diagram (from {shownHost})</a>", html);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html);
    }

    [Fact]
    public void Keeps_images_served_by_the_portal_itself()
    {
        var html = _renderer.ToHtml("![diagram](/img/d.png)");

        Assert.Contains("<img src=\"/img/d.png\" alt=\"diagram\"", html);
    }

    [Fact]
    public void Returns_empty_html_for_empty_markdown()
    {
        Assert.Equal("", _renderer.ToHtml(null));
        Assert.Equal("", _renderer.ToHtml("   "));
    }
}
