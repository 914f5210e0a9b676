namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>
/// An absolute URL (http, https, ftp, or the storage schemes hf, s3 and gs): refanged, scheme and host lowercased,
/// host in punycode, default port and fragment dropped. Path and query keep their case: servers may honour it.
/// </summary>
internal sealed class UrlRule : IIndicatorRule
{
    private const int MaxLength = 4096;

    private static readonly string[] Schemes = ["http", "https", "ftp", "hf", "s3", "gs"];

    // In hf://, s3:// and gs:// the "host" is a bucket or a repository kind, not a DNS name.
    private static readonly string[] StorageSchemes = ["hf", "s3", "gs"];

    public string? Normalize(string value, IndicatorCheck check)
    {
        if (value.Length > MaxLength)
        {
            return check.Fail($"A URL is at most {MaxLength} characters; this has {value.Length}.");
        }

        value = Refang.Apply(value, check);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? value[..colon].ToLowerInvariant() : "";
        if (scheme is "javascript" or "data" or "vbscript" or "blob")
        {
            return check.Fail($"A {scheme}: URL carries content, not a location; record a malicious script or prompt with a pattern type and describe it in the report.");
        }

        if (value.Any(char.IsWhiteSpace))
        {
            return check.Fail("A URL cannot contain spaces or line breaks; encode a space as %20.");
        }

        if (!value.Contains("://", StringComparison.Ordinal))
        {
            return check.Fail("A URL starts with a scheme such as https://; for a bare host name use the Domain type.");
        }

        if (!Schemes.Contains(scheme))
        {
            return check.Fail($"Only {string.Join(", ", Schemes)} URLs are accepted; this one is '{scheme}'.");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return check.Fail("This URL cannot be read: check the host name and any port number.");
        }

        var host = uri.HostNameType switch
        {
            UriHostNameType.IPv6 => $"[{uri.DnsSafeHost.ToLowerInvariant()}]",
            UriHostNameType.IPv4 => uri.Host,
            _ when StorageSchemes.Contains(scheme) => StorageNamespace(uri.Host, check),

            // Single-label hosts (localhost, intranet names) are legitimate in URLs, unlike in Domain indicators.
            _ => DomainRule.NormalizeHost(uri.Host, check, requireTwoLabels: false),
        };
        if (host is null)
        {
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            check.Note("The URL has a user name before '@', a common trick to make the real host look like another one.");
        }

        if (uri.Fragment.Length > 0)
        {
            check.Note($"Dropped the fragment '{uri.Fragment}': it never reaches the server.");
        }

        var userInfo = uri.UserInfo.Length > 0 ? uri.UserInfo + "@" : "";
        var port = uri.IsDefaultPort || uri.Port < 0 ? "" : $":{uri.Port}";
        return $"{scheme}://{userInfo}{host}{port}{uri.PathAndQuery}";
    }

    private static string? StorageNamespace(string host, IndicatorCheck check)
    {
        var lowered = host.ToLowerInvariant();
        return lowered.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? lowered
            : check.Fail($"'{host}' is not a bucket or namespace name: letters, digits, '.', '-' and '_'.");
    }
}
