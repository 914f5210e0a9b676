using System.Net;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Web.FunctionalTests.Infrastructure;

/// <summary>Drives the static SSR forms the way a browser does: GET the page, keep its hidden fields, POST.</summary>
public static partial class PortalClient
{
    public const string DemoPassword = "Demo-Passw0rd!";

    public static Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string url, IReadOnlyDictionary<string, string> fields) =>
        client.SubmitFormAsync(url, url, fields);

    /// <summary>GETs <paramref name="pageUrl"/> for its hidden fields, then POSTs them (and <paramref name="fields"/>) to <paramref name="actionUrl"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string pageUrl, string actionUrl, IReadOnlyDictionary<string, string> fields)
    {
        var url = pageUrl;
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();

        var form = HiddenInputs(html);
        Assert.True(form.ContainsKey("__RequestVerificationToken"), $"{url} has no antiforgery token.");
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return await client.PostAsync(actionUrl, new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password) =>
        client.SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>The redirect target as a path and query, whether the server sent it absolute or relative.</summary>
    public static string? RedirectPath(this HttpResponseMessage response) => response.Headers.Location switch
    {
        null => null,
        { IsAbsoluteUri: true } absolute => absolute.PathAndQuery,
        var relative => relative.OriginalString,
    };

    public static Dictionary<string, string> HiddenInputs(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (!tag.Contains("type=\"hidden\"", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = Attribute(tag, "name");
            if (name is not null)
            {
                fields[name] = Attribute(tag, "value") ?? "";
            }
        }

        return fields;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();
}
