using System.Net;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Authorization;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>
/// Only curators reach the curated-sets page and change sets; a set a curator defines shows on the page of the running
/// host. Once per database provider, each class on its own host.
/// </summary>
public abstract class CuratedSetScenarios(PortalFactory factory)
{
    private const string Password = "Correct-Horse-42";

    [Theory]
    [InlineData(PortalRoles.Contributor)]
    [InlineData(PortalRoles.Reviewer)]
    [InlineData(PortalRoles.Consumer)]
    public async Task Non_curators_are_turned_away_from_the_page_and_by_the_store(string role)
    {
        var user = await factory.CreateUserAsync(Password, role);
        var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!, Password)).StatusCode);

        var page = await client.GetAsync("/admin/curated-sets");

        Assert.Equal(Access.Denied, AccessObserver.Observe(page).Access);
        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(
            () => Store().CreateAsync(new CuratedSetDraft { Name = $"Set {Guid.NewGuid():N}" }, user.Id));
        Assert.Equal(CuratedSetStore.CuratorsOnly, refused.Message);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var page = await factory.CreatePortalClient().GetAsync("/admin/curated-sets");

        Assert.Equal(Access.Login, AccessObserver.Observe(page).Access);
    }

    [Fact]
    public async Task A_curator_creates_a_set_and_finds_it_on_the_page()
    {
        var curator = await factory.CreateUserAsync(Password, PortalRoles.Curator);
        var organisation = await OrganisationAsync();
        var name = $"Hub watch {Guid.NewGuid():N}";

        await Store().CreateAsync(new CuratedSetDraft { Name = name, TlpCeiling = Tlp.Amber, ReaderIds = [organisation] }, curator.Id);

        var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(curator.Email!, Password)).StatusCode);
        var page = await client.GetAsync("/admin/curated-sets");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"set-list\"", html, StringComparison.Ordinal);
    }

    private CuratedSetStore Store() =>
        new(factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), TimeProvider.System);

    private async Task<Guid> OrganisationAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var organisation = new Organisation { Name = $"Readers {Guid.NewGuid():N}", Clearance = Tlp.Amber };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    }
}

public sealed class SqliteCuratedSetScenarios(SqlitePortalFactory factory)
    : CuratedSetScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresCuratedSetScenarios(PostgresPortalFactory factory)
    : CuratedSetScenarios(factory), IClassFixture<PostgresPortalFactory>;
