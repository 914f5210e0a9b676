using System.Text.Encodings.Web;
using AiCtiPortal.Domain.Identity.ApiTokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AiCtiPortal.Web.Security.ApiTokens;

/// <summary>
/// "Authorization: Bearer aicti_…". A request without a bearer token gets no result (other schemes may apply); a
/// bearer token that is malformed, unknown, expired or revoked fails with the reason, which the challenge returns as
/// error="invalid_token". Forbidden answers say which scope was missing (error="insufficient_scope").
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var validation = await tokens.ValidateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        if (validation.Caller is not { } caller)
        {
            return AuthenticateResult.Fail(validation.Reason ?? "The token is not valid.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(ApiTokenPrincipal.For(caller), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (result.Failure is { } failure)
        {
            Response.Headers[HeaderNames.WWWAuthenticate] = ApiProblem.Challenge("invalid_token", failure.Message);
            await ApiProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Invalid token", failure.Message);
            return;
        }

        Response.Headers[HeaderNames.WWWAuthenticate] = ApiProblem.Challenge(error: null, description: null);
        await ApiProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Token required",
            "Send an API token as \"Authorization: Bearer <token>\". Create one on /account/api-tokens; cookies do not sign in to the API.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var required = ApiProblem.RequiredScopes(Context);
        var names = string.Join(' ', required);
        var detail = required.Count == 0
            ? "This token may not use this endpoint."
            : $"This endpoint needs the {string.Join(", ", required)} scope; the token does not have it, or its owner may no longer use it.";
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers[HeaderNames.WWWAuthenticate] =
            ApiProblem.Challenge("insufficient_scope", detail, required.Count == 0 ? null : names);
        await ApiProblem.WriteAsync(Context, StatusCodes.Status403Forbidden, "Insufficient scope", detail);
    }
}
