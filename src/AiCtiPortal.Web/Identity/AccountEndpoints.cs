using AiCtiPortal.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AiCtiPortal.Web.Identity;

internal static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (minimal APIs validate form posts), never a GET link.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async (
            [FromForm] string? returnUrl,
            SignInManager<PortalUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(LocalRedirect.Sanitize(returnUrl));
        }).ExcludeFromDescription();
        return endpoints;
    }
}
