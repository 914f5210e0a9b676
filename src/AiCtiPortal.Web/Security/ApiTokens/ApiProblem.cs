using System.Text;
using AiCtiPortal.Domain.Identity.ApiTokens;
using Microsoft.AspNetCore.Authorization;

namespace AiCtiPortal.Web.Security.ApiTokens;

/// <summary>The API's error answers: RFC 6750 challenges in WWW-Authenticate, and an RFC 9457 problem+json body.</summary>
internal static class ApiProblem
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);

    /// <summary>A Bearer challenge; <paramref name="error"/> is omitted when the request carried no token at all (RFC 6750 §3.1).</summary>
    public static string Challenge(string? error, string? description, string? scope = null)
    {
        var header = new StringBuilder($"Bearer realm=\"{ApiTokenDefaults.Realm}\"");
        if (error is not null)
        {
            header.Append($", error=\"{error}\"");
        }

        if (description is not null)
        {
            header.Append($", error_description=\"{HeaderSafe(description)}\"");
        }

        if (scope is not null)
        {
            header.Append($", scope=\"{scope}\"");
        }

        return header.ToString();
    }

    /// <summary>The scopes the current endpoint's policies demand, in the names tokens carry.</summary>
    public static IReadOnlyList<ApiTokenScopes> RequiredScopes(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => ApiTokenDefaults.ScopeOfPolicy(a.Policy))
            .OfType<ApiTokenScopes>()
            .Distinct()
            .ToList() ?? [];

    /// <summary>error_description allows printable ASCII except '"' and '\' (RFC 6750 §3).</summary>
    private static string HeaderSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'');
        }

        return safe.ToString();
    }
}
