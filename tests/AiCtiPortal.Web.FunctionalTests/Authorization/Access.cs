using System.Net;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;

namespace AiCtiPortal.Web.FunctionalTests.Authorization;

/// <summary>The outcomes the matrix distinguishes.</summary>
public enum Access
{
    /// <summary>200: the page renders.</summary>
    Ok,

    /// <summary>302 to /Account/Login: sign in first.</summary>
    Login,

    /// <summary>403 or 302 to /Account/AccessDenied: signed in, but the role is not enough.</summary>
    Denied,

    /// <summary>404: missing, or hidden by TLP (the two must look the same).</summary>
    NotFound,
}

public static class AccessObserver
{
    /// <summary>The outcome a response stands for, or null with a description when it is none of them.</summary>
    public static (Access? Access, string Description) Observe(HttpResponseMessage response)
    {
        var location = response.RedirectPath();
        var description = location is null ? $"{(int)response.StatusCode}" : $"{(int)response.StatusCode} -> {location}";
        Access? access = response.StatusCode switch
        {
            HttpStatusCode.OK => Access.Ok,
            HttpStatusCode.NotFound => Access.NotFound,
            HttpStatusCode.Forbidden => Access.Denied,
            HttpStatusCode.Redirect when location?.StartsWith("/Account/Login", StringComparison.Ordinal) == true => Access.Login,
            HttpStatusCode.Redirect when location?.StartsWith("/Account/AccessDenied", StringComparison.Ordinal) == true => Access.Denied,
            _ => null,
        };
        return (access, description);
    }
}
