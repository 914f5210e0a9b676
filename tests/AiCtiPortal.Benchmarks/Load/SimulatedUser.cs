using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Benchmarks.Load;

internal enum UserKind
{
    Anonymous,
    Consumer,
    Contributor,
    Reviewer,
}

/// <summary>One request's outcome: server time from the Server-Timing header (NaN when absent), client time, rows shown.</summary>
internal readonly record struct Sample(string Kind, double ServerMs, double ClientMs, bool Ok, int Rows);

/// <summary>
/// A browser-like visitor with its own cookie jar: signs in through the /Account/Login form (antiforgery token and
/// all) and then issues page GETs as a browser's first load does, so the server prerenders each page with its query.
/// </summary>
internal sealed partial class SimulatedUser : IDisposable
{
    private readonly HttpClient _http;

    public SimulatedUser(Uri baseAddress, UserKind kind, string? email)
    {
        Kind = kind;
        Email = email;
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public UserKind Kind { get; }

    public string? Email { get; }

    public async Task SignInAsync(CancellationToken ct)
    {
        if (Email is null)
        {
            return;
        }

        var form = await _http.GetStringAsync(new Uri("/Account/Login", UriKind.Relative), ct);
        var fields = HiddenInputs().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        if (!fields.TryGetValue("__RequestVerificationToken", out var token))
        {
            throw new InvalidOperationException("The sign-in form carries no antiforgery token; has /Account/Login changed?");
        }

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = fields.GetValueOrDefault("_handler", "login"),
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = Email,
            ["Input.Password"] = LoadAccounts.Password,
        });
        using var response = await _http.PostAsync(new Uri("/Account/Login", UriKind.Relative), content, ct);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther) ||
            !response.Headers.TryGetValues("Set-Cookie", out var cookies) || !cookies.Any(c => c.StartsWith("aicti.auth=", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"Signing in as {Email} failed: {(int)response.StatusCode} without an authentication cookie.");
        }
    }

    public async Task<Sample> GetAsync(string kind, string url, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var client = Stats.Milliseconds(start);
            var server = ServerTime(response);
            return new Sample(kind, server, client, response.StatusCode == HttpStatusCode.OK, CountRows(body));
        }
        catch (HttpRequestException)
        {
            return new Sample(kind, double.NaN, Stats.Milliseconds(start), false, 0);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Sample(kind, double.NaN, Stats.Milliseconds(start), false, 0);
        }
    }

    public void Dispose() => _http.Dispose();

    private static double ServerTime(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Server-Timing", out var values))
        {
            var match = Duration().Match(string.Join(',', values));
            if (match.Success)
            {
                return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return double.NaN;
    }

    /// <summary>Items the prerendered page lists (links to a report, indicator or review): a sanity check that queries return.</summary>
    private static int CountRows(string html) => ItemLinks().Matches(html).Select(m => m.Value).Distinct(StringComparer.Ordinal).Count();

    [GeneratedRegex("<input[^>]*?type=\"hidden\"[^>]*?name=\"(?<name>[^\"]+)\"[^>]*?value=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInputs();

    [GeneratedRegex("href=\"/?(reports|indicators|reviews)/[0-9a-fA-F-]{36}\"", RegexOptions.CultureInvariant)]
    private static partial Regex ItemLinks();

    [GeneratedRegex(@"app;dur=([0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
