using System.Globalization;
using System.Security.Claims;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Web.Identity;

namespace AiCtiPortal.Web.Security.ApiTokens;

/// <summary>
/// Builds the principal a valid token stands for. A personal token carries its owner's id, name, e-mail and current
/// roles, so anything that checks roles treats it like the owner. An organisation token carries no user id (nothing
/// can mistake it for an author) and the Consumer role only.
/// </summary>
internal static class ApiTokenPrincipal
{
    public static ClaimsPrincipal For(ApiTokenCaller caller)
    {
        var claims = new List<Claim>
        {
            new(ApiTokenClaims.TokenId, caller.TokenId.ToString()),
            new(ApiTokenClaims.TokenName, caller.TokenName),
            new(ApiTokenClaims.TokenPrefix, caller.Prefix),
            new(ApiTokenClaims.ExpiresAt, caller.ExpiresAt.ToString("O", CultureInfo.InvariantCulture)),
            new(ApiTokenClaims.Clearance, caller.Clearance.ToString()),
        };
        claims.AddRange(ApiTokenScopeRules.Split(caller.Scopes).Select(s => new Claim(ApiTokenClaims.Scope, s.ToString())));
        claims.AddRange(caller.Roles.Select(r => new Claim(ClaimTypes.Role, r)));

        if (caller.OrganisationId is { } organisationId)
        {
            claims.Add(new Claim(ApiTokenClaims.OrganisationId, organisationId.ToString()));
            claims.Add(new Claim(ClaimTypes.Name, caller.OrganisationName ?? ""));
            claims.Add(new Claim(PortalClaims.DisplayName, caller.OrganisationName ?? ""));
        }
        else
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, caller.UserId!));
            claims.Add(new Claim(ClaimTypes.Name, caller.UserName ?? caller.Email ?? caller.UserId!));
            if (!string.IsNullOrEmpty(caller.Email))
            {
                claims.Add(new Claim(ClaimTypes.Email, caller.Email));
            }

            if (!string.IsNullOrWhiteSpace(caller.DisplayName))
            {
                claims.Add(new Claim(PortalClaims.DisplayName, caller.DisplayName));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiTokenDefaults.Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
