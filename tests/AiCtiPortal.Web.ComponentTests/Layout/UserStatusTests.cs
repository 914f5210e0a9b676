using System.Security.Claims;
using AiCtiPortal.Web.Components.Layout;
using AiCtiPortal.Web.Identity;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.ComponentTests.Layout;

public class UserStatusTests : BunitContext
{
    public UserStatusTests() => Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgeryState>();

    [Fact]
    public void Signed_in_user_sees_display_name_sorted_roles_and_a_sign_out_form()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("ada@example.test");
        auth.SetRoles("Reviewer", "Contributor");
        auth.SetClaims(new Claim(PortalClaims.DisplayName, "Ada Lovelace"));

        var status = Render<UserStatus>();

        Assert.Equal("Ada Lovelace", status.Find("[data-testid=current-user]").TextContent);
        Assert.Equal("Contributor, Reviewer", status.Find("[data-testid=current-roles]").TextContent);
        var form = status.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.EndsWith("Account/Logout", form.GetAttribute("action"));
        Assert.Equal("Sign out", status.Find("form button").TextContent.Trim());
        Assert.NotNull(status.Find("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public void Signed_in_user_without_a_display_name_is_shown_by_email()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetClaims(new Claim(ClaimTypes.Email, "someone@example.test"));

        var status = Render<UserStatus>();

        Assert.Equal("someone@example.test", status.Find("[data-testid=current-user]").TextContent);
    }

    [Fact]
    public void Anonymous_visitor_sees_sign_in_and_register_links()
    {
        AddAuthorization().SetNotAuthorized();

        var status = Render<UserStatus>();

        Assert.Empty(status.FindAll("[data-testid=current-user]"));
        var links = status.FindAll("a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Contains(("Sign in", "Account/Login"), links);
        Assert.Contains(("Register", "Account/Register"), links);
    }

    private sealed class FixedAntiforgeryState : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
