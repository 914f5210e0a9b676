using AiCtiPortal.Domain.Identity;
using Microsoft.AspNetCore.Identity;

namespace AiCtiPortal.Web.Hosting;

/// <summary>
/// One-off operator tasks run with the portal's own binary and settings instead of serving:
/// <c>migrate</c> applies pending migrations; <c>grant-curator EMAIL</c> makes a registered account the first
/// curator of a fresh installation (after that, curators manage roles at /admin/users).
/// </summary>
internal static class OperatorCommands
{
    /// <summary>The command the arguments name, or null to serve as usual.</summary>
    public static Func<WebApplication, Task<int>>? Find(string[] args) => args switch
    {
        ["migrate", ..] => app => app.MigratePortalDatabaseAsync(),
        ["grant-curator", var email] => app => GrantCuratorAsync(app, email),
        ["grant-curator", ..] => app => Fail(app, "Usage: grant-curator EMAIL (the account must have registered first)."),
        _ => null,
    };

    /// <summary>Null when the account is (now) a curator, else the reason it could not be made one.</summary>
    public static async Task<string?> GrantCuratorAsync(UserManager<PortalUser> users, string email)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return $"No account is registered with {email}; register it at /Account/Register first.";
        }

        if (await users.IsInRoleAsync(user, PortalRoles.Curator))
        {
            return null;
        }

        var result = await users.AddToRoleAsync(user, PortalRoles.Curator);
        return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
    }

    private static async Task<int> GrantCuratorAsync(WebApplication app, string email)
    {
        if (!await app.TryInitializePortalDatabaseAsync())
        {
            return 1;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var error = await GrantCuratorAsync(scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>(), email);
        if (error is not null)
        {
            return await Fail(app, error);
        }

        app.Logger.LogInformation("{Email} is a curator.", email);
        return 0;
    }

    private static Task<int> Fail(WebApplication app, string message)
    {
        app.Logger.LogCritical("{Message}", message);
        return Task.FromResult(1);
    }
}
