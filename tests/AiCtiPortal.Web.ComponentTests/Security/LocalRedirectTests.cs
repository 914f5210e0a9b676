using AiCtiPortal.Web.Identity;

namespace AiCtiPortal.Web.ComponentTests.Security;

public class LocalRedirectTests
{
    [Theory]
    [InlineData("/reports", "/reports")]
    [InlineData("/admin/users?x=1", "/admin/users?x=1")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.test/", "/")]
    [InlineData("//evil.test/", "/")]
    [InlineData("/\\evil.test/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("reports", "/")]
    public void Keeps_only_local_paths(string? returnUrl, string expected) =>
        Assert.Equal(expected, LocalRedirect.Sanitize(returnUrl));
}
