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

        // Browsers drop whitespace and control characters inside a scheme ("java\tscript:"), so the check must too.
        var compact = new string(url.Where(c => c > ' ' && !char.IsControl(c)).ToArray());
        var end = compact.IndexOfAny([':', '/', '?', '#', '\\']);
        if (end < 0 || compact[end] != ':')
        {
            return true; // No scheme: a relative link on this site.
        }

        var scheme = compact[..end];
        return AllowedSchemes.Any(s => s.Equals(scheme, StringComparison.OrdinalIgnoreCase));
    }
}
