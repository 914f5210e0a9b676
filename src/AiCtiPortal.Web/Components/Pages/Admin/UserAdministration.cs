using AiCtiPortal.Domain.Identity;
using Microsoft.AspNetCore.Identity;

namespace AiCtiPortal.Web.Components.Pages.Admin;

/// <summary>
/// Curators' changes to accounts. Each call takes its own DI scope, so UserManager and its context live for one
/// operation rather than for the whole circuit.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes)
{
    public sealed record Outcome(bool Succeeded, string Message);

    public async Task<Outcome> SetRoleAsync(string actorId, string userId, string role, bool granted)
    {
        if (!PortalRoles.All.Contains(role))
        {
            return new(false, $"{role} is not a portal role.");
        }

        if (!granted && role == PortalRoles.Curator && actorId == userId)
        {
            return new(false, "You cannot remove your own Curator role; ask another curator.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return new(false, "That account no longer exists.");
        }

        var has = await users.IsInRoleAsync(user, role);
        if (has == granted)
        {
            return new(true, $"{user.Email} already {(granted ? "has" : "lacks")} the {role} role.");
        }

        var result = granted ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        if (result.Succeeded)
        {
            // A new stamp makes the user's open sessions pick up the change at their next revalidation.
            await users.UpdateSecurityStampAsync(user);
        }

        return Describe(result, granted ? $"Granted {role} to {user.Email}." : $"Revoked {role} from {user.Email}.");
    }

    public async Task<Outcome> SetLockedAsync(string actorId, string userId, bool locked)
    {
        if (locked && actorId == userId)
        {
            return new(false, "You cannot lock your own account.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return new(false, "That account no longer exists.");
        }

        if (locked)
        {
            var result = await users.SetLockoutEnabledAsync(user, true);
            if (result.Succeeded)
            {
                result = await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            }

            if (result.Succeeded)
            {
                await users.UpdateSecurityStampAsync(user);
            }

            return Describe(result, $"Locked {user.Email}; their sessions end at the next check.");
        }

        var unlocked = await users.SetLockoutEndDateAsync(user, null);
        if (unlocked.Succeeded)
        {
            unlocked = await users.ResetAccessFailedCountAsync(user);
        }

        return Describe(unlocked, $"Unlocked {user.Email}.");
    }

    private static Outcome Describe(IdentityResult result, string success) => result.Succeeded
        ? new(true, success)
        : new(false, string.Join(" ", result.Errors.Select(e => e.Description)));
}
