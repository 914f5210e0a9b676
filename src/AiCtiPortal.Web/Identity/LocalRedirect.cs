namespace AiCtiPortal.Web.Identity;

/// <summary>Keeps return URLs on this site: an open redirect after sign-in is a phishing tool.</summary>
public static class LocalRedirect
{
    public static string Sanitize(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl))
        {
            return "/";
        }

        // Local means a rooted path that is not protocol-relative (//evil) nor a backslash trick (/\evil).
        var isLocal = returnUrl[0] == '/'
            && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.Any(char.IsControl);
        return isLocal ? returnUrl : "/";
    }
}
