using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Components.Pages.Admin;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using AiCtiPortal.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>The rules behind the admin pages, against each real database.</summary>
public abstract class AdministrationScenarios(PortalFactory factory)
{
    private const string Password = "Correct-Horse-42";

    [Fact]
    public async Task The_first_curator_is_granted_by_email_and_an_unknown_email_is_refused_clearly()
    {
        var user = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        Assert.Null(await OperatorCommands.GrantCuratorAsync(users, user.Email!));
        Assert.Contains(PortalRoles.Curator, await RolesOfAsync(scope, user.Id));
        Assert.Null(await OperatorCommands.GrantCuratorAsync(users, user.Email!)); // again: nothing to do

        var error = await OperatorCommands.GrantCuratorAsync(users, "nobody@example.org");
        Assert.Contains("No account is registered with nobody@example.org", error);
    }

    [Fact]
    public async Task Curator_cannot_remove_their_own_curator_role()
    {
        var curator = await factory.CreateUserAsync(Password, PortalRoles.Curator);
        await using var scope = factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        var outcome = await admin.SetRoleAsync(curator.Id, curator.Id, PortalRoles.Curator, granted: false);

        Assert.False(outcome.Succeeded);
        Assert.Contains(PortalRoles.Curator, await RolesOfAsync(scope, curator.Id));
    }

    [Fact]
    public async Task Curator_grants_and_revokes_another_users_role()
    {
        var curator = await factory.CreateUserAsync(Password, PortalRoles.Curator);
        var user = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        await using var scope = factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        Assert.True((await admin.SetRoleAsync(curator.Id, user.Id, PortalRoles.Reviewer, granted: true)).Succeeded);
        Assert.Contains(PortalRoles.Reviewer, await RolesOfAsync(scope, user.Id));

        Assert.True((await admin.SetRoleAsync(curator.Id, user.Id, PortalRoles.Reviewer, granted: false)).Succeeded);
        Assert.DoesNotContain(PortalRoles.Reviewer, await RolesOfAsync(scope, user.Id));
    }

    [Fact]
    public async Task Locked_account_cannot_sign_in_until_unlocked()
    {
        var curator = await factory.CreateUserAsync(Password, PortalRoles.Curator);
        var user = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        await using var scope = factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        Assert.True((await admin.SetLockedAsync(curator.Id, user.Id, locked: true)).Succeeded);
        var whileLocked = await factory.CreatePortalClient().SignInAsync(user.Email!, Password);
        Assert.Equal("/Account/Lockout", whileLocked.RedirectPath());

        Assert.True((await admin.SetLockedAsync(curator.Id, user.Id, locked: false)).Succeeded);
        var afterUnlock = await factory.CreatePortalClient().SignInAsync(user.Email!, Password);
        Assert.Equal("/", afterUnlock.RedirectPath());
    }

    [Fact]
    public async Task Curator_cannot_lock_their_own_account()
    {
        var curator = await factory.CreateUserAsync(Password, PortalRoles.Curator);
        await using var scope = factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        Assert.False((await admin.SetLockedAsync(curator.Id, curator.Id, locked: true)).Succeeded);
    }

    [Fact]
    public async Task Organisation_names_are_required_and_unique_ignoring_case()
    {
        var name = $"Org {Guid.NewGuid():N}";
        await using var scope = factory.Services.CreateAsyncScope();
        var organisations = scope.ServiceProvider.GetRequiredService<OrganisationAdministration>();

        Assert.True((await organisations.CreateAsync(name, null, Tlp.Amber)).Succeeded);
        Assert.False((await organisations.CreateAsync(name.ToUpperInvariant(), null, Tlp.Green)).Succeeded);
        Assert.False((await organisations.CreateAsync("   ", null, Tlp.Green)).Succeeded);
    }

    [Fact]
    public async Task Members_are_added_once_by_email_and_removed()
    {
        var user = await factory.CreateUserAsync(Password, PortalRoles.Consumer);
        await using var scope = factory.Services.CreateAsyncScope();
        var organisations = scope.ServiceProvider.GetRequiredService<OrganisationAdministration>();
        var name = $"Org {Guid.NewGuid():N}";
        await organisations.CreateAsync(name, "For a test", Tlp.Amber);
        var db = scope.ServiceProvider.GetRequiredService<AiCtiPortal.Domain.Data.PortalDbContext>();
        var id = db.Organisations.Single(o => o.Name == name).Id;

        Assert.True((await organisations.AddMemberAsync(id, user.Email!.ToUpperInvariant())).Succeeded);
        Assert.False((await organisations.AddMemberAsync(id, user.Email)).Succeeded);
        Assert.False((await organisations.AddMemberAsync(id, "nobody@tests.aicti.local")).Succeeded);
        Assert.True((await organisations.RemoveMemberAsync(id, user.Id)).Succeeded);
        Assert.False((await organisations.RemoveMemberAsync(id, user.Id)).Succeeded);
    }

    private static async Task<IList<string>> RolesOfAsync(AsyncServiceScope scope, string userId)
    {
        // A fresh scope's UserManager, so the answer comes from the database rather than a tracked entity.
        await using var fresh = scope.ServiceProvider.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var users = fresh.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.GetRolesAsync((await users.FindByIdAsync(userId))!);
    }
}

public sealed class SqliteAdministrationScenarios(SqlitePortalFactory factory)
    : AdministrationScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresAdministrationScenarios(PostgresPortalFactory factory)
    : AdministrationScenarios(factory), IClassFixture<PostgresPortalFactory>;
