using System.Text.Encodings.Web;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Web.Security.ApiTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AiCtiPortal.Web.Taxii;

/// <summary>
/// The TAXII server's scheme: authentication is the API token scheme's own (forwarded, so the same tokens, checks and
/// principal apply), but refusals are TAXII error messages with a Bearer challenge instead of problem+json, since
/// TAXII clients read errors in the TAXII media type.
/// </summary>
internal sealed class TaxiiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Taxii";

    /// <summary>Never reached: <see cref="AuthenticationSchemeOptions.ForwardAuthenticate"/> sends authentication to the token scheme.</summary>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Context.AuthenticateAsync(ApiTokenDefaults.Scheme);

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(ApiTokenDefaults.Scheme);
        if (result.Failure is { } failure)
        {
            await TaxiiErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Invalid token", failure.Message,
                new Dictionary<string, string> { [HeaderNames.WWWAuthenticate] = ApiProblem.Challenge("invalid_token", failure.Message) });
            return;
        }

        await TaxiiErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Token required",
            "Send an API token with the DownloadExports scope as \"Authorization: Bearer <token>\"; create one on /account/api-tokens.",
            new Dictionary<string, string> { [HeaderNames.WWWAuthenticate] = ApiProblem.Challenge(error: null, description: null) });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        const string detail = "The TAXII server needs the DownloadExports scope; this token does not have it, or its owner may no longer use it.";
        return TaxiiErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, "Insufficient scope", detail,
            new Dictionary<string, string>
            {
                [HeaderNames.WWWAuthenticate] = ApiProblem.Challenge("insufficient_scope", detail, nameof(ApiTokenScopes.DownloadExports)),
            });
    }
}
