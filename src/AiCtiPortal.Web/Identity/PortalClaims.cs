using System.Security.Claims;
using AiCtiPortal.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Web.Identity;

/// <summary>Adds the display name to the sign-in cookie, so the layout shows it without a database call.</summary>
public static class PortalClaims
{
    public const string DisplayName = "aicti:display_name";

    public static string DisplayNameOf(ClaimsPrincipal user)
    {
        var name = user.FindFirstValue(DisplayName);
        return string.IsNullOrWhiteSpace(name) ? user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "" : name;
    }
}

internal sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        }

        return identity;
    }
}
