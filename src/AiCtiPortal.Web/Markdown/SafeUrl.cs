namespace AiCtiPortal.Web.Markdown;

/// <summary>Decides whether a link or image URL may reach the page: http, https, mailto, or relative.</summary>
public static class SafeUrl
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static bool IsAllowed(string? url)
    {
        if (url is null)
        {
            return true;
        }

        var compact = Compact(url);
        var end = compact.IndexOfAny([':', '/', '?', '#', '\\']);
        if (end < 0 || compact[end] != ':')
        {
            return true; // No scheme: a relative link on this site.
        }

        var scheme = compact[..end];
        return AllowedSchemes.Any(s => s.Equals(scheme, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// True for a URL on this site: no scheme and no host. Browsers read "//host", "\\host" and "/\host" as another
    /// host, so a leading pair of slashes of either kind is not site-relative.
    /// </summary>
    public static bool IsSiteRelative(string? url)
    {
        if (url is null)
        {
            return true;
        }

        var compact = Compact(url);
        var end = compact.IndexOfAny([':', '/', '?', '#', '\\']);
        var hasScheme = end >= 0 && compact[end] == ':';
        var hostRelative = compact.Length >= 2 && compact[0] is '/' or '\\' && compact[1] is '/' or '\\';
        return !hasScheme && !hostRelative;
    }

    /// <summary>Browsers drop whitespace and control characters inside a URL ("java\tscript:"), so the checks must too.</summary>
    private static string Compact(string url) => new(url.Where(c => c > ' ' && !char.IsControl(c)).ToArray());
}
