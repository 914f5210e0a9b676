using System.Net;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Engine.Artifacts.Text;

/// <summary>
/// Finds URLs, domains and IPv4 addresses in strings taken from artifacts. Domains need a TLD from a short list of
/// common and abused ones: file names such as "model.py" or "weights.pt" must not become indicators.
/// </summary>
internal static partial class IndicatorExtractor
{
    public const string Url = "Url";
    public const string Domain = "Domain";
    public const string IpAddress = "IpAddress";

    private const int MaxScannedChars = 1 << 20;

    public static IEnumerable<ExtractedIndicator> Extract(string text)
    {
        if (text.Length < 4 || !text.Contains('.', StringComparison.Ordinal))
        {
            yield break;
        }

        string scanned = text.Length > MaxScannedChars ? text[..MaxScannedChars] : text;
        var rest = new System.Text.StringBuilder(scanned);
        foreach (Match url in SafeMatches(UrlPattern(), scanned))
        {
            string value = url.Value.TrimEnd('.', ',', ';', ':', '!', '?');
            yield return new ExtractedIndicator(Url, value);
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
            {
                yield return IPAddress.TryParse(uri.Host.Trim('[', ']'), out _)
                    ? new ExtractedIndicator(IpAddress, uri.Host)
                    : new ExtractedIndicator(Domain, uri.IdnHost.ToLowerInvariant());
            }

            // Blank the URL out so its host is not reported a second time by the bare-domain pattern.
            for (int i = url.Index; i < url.Index + url.Length; i++)
            {
                rest[i] = ' ';
            }
        }

        string remaining = rest.ToString();
        foreach (Match ip in SafeMatches(Ipv4Pattern(), remaining))
        {
            yield return new ExtractedIndicator(IpAddress, ip.Value);
        }

        foreach (Match domain in SafeMatches(DomainPattern(), remaining))
        {
            yield return new ExtractedIndicator(Domain, domain.Value.ToLowerInvariant());
        }
    }

    private static List<Match> SafeMatches(Regex regex, string text)
    {
        var list = new List<Match>();
        try
        {
            foreach (Match m in regex.Matches(text))
            {
                list.Add(m);
                if (list.Count >= 256)
                {
                    break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological string costs us its remaining indicators, not the scan.
        }

        return list;
    }

    [GeneratedRegex(@"\b(?:https?|ftp|wss?)://[^\s""'<>\\`{}|^\[\]]{1,2048}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"(?<![\w.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}(?:com|net|org|io|ai|ru|cn|xyz|top|info|biz|co|me|dev|app|cc|tk|su|onion|online|site|club|pw|ws|in|de|uk|us|eu|fr|jp|kr|br|ir|kp|ua|link|live|icu|shop|tech|cloud|host|gov|edu)(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DomainPattern();
}
