using AiCtiPortal.Web.Markdown;

namespace AiCtiPortal.Web.ComponentTests.Markdown;

public class SafeUrlTests
{
    [Theory]
    [InlineData("https://atlas.mitre.org/techniques/AML.T0010")]
    [InlineData("HTTP://x.test")]
    [InlineData("mailto:a@b.test")]
    [InlineData("/reports/1")]
    [InlineData("reports?x=a:b")]
    [InlineData("#section")]
    [InlineData("//cdn.example.test/x.png")]
    public void Allows_web_mail_and_relative_urls(string url) => Assert.True(SafeUrl.IsAllowed(url));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("java\nscript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("vbscript:x")]
    [InlineData("file:///etc/passwd")]
    public void Rejects_other_schemes_even_when_obfuscated(string url) => Assert.False(SafeUrl.IsAllowed(url));

    [Theory]
    [InlineData("/img/d.png")]
    [InlineData("img/d.png")]
    [InlineData("#top")]
    public void Site_relative_urls_name_no_host(string url) => Assert.True(SafeUrl.IsSiteRelative(url));

    [Theory]
    [InlineData("https://x.test/d.png")]
    [InlineData("//x.test/d.png")]
    [InlineData("\\\\x.test/d.png")]
    [InlineData("/\\x.test/d.png")]
    [InlineData(" / /x.test/d.png")]
    public void Urls_that_reach_another_host_are_not_site_relative(string url) => Assert.False(SafeUrl.IsSiteRelative(url));
}
