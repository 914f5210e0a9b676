using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Data.Seeding;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Data;

/// <summary>One seeded SQLite database shared by the read-only checks of this class.</summary>
public sealed class SeededSqliteDatabase : IAsyncLifetime
{
    private readonly SqliteTestFolder _folder = new();

    public PortalDatabaseSettings Settings { get; private set; } = null!;

    public bool FirstRunSeeded { get; private set; }

    public async Task InitializeAsync()
    {
        Settings = _folder.Database("seeded.db");
        await using var db = TestContexts.Create(Settings);
        await db.Database.MigrateAsync();
        await PortalRoleSeeder.EnsureRolesAsync(db, CancellationToken.None);
        FirstRunSeeded = await new DemoDataSeeder(TimeProvider.System).SeedAsync(db, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class DemoDataSeederTests(SeededSqliteDatabase seeded) : IClassFixture<SeededSqliteDatabase>
{
    [Fact]
    public async Task Every_indicator_type_has_a_valid_demo_indicator()
    {
        await using var db = TestContexts.Create(seeded.Settings);
        var indicators = await db.Indicators.ToListAsync();

        Assert.Equal(Enum.GetValues<IndicatorType>().Order(), indicators.Select(i => i.Type).Distinct().Order());
        Assert.All(indicators, i =>
        {
            Assert.Equal(IndicatorCatalogue.Validate(i.Type, i.Value).NormalizedValue, i.NormalizedValue);
            Assert.Equal(IndicatorCatalogue.ValueHash(i.Type, i.NormalizedValue), i.ValueHash);
        });
    }

    [Fact]
    public async Task Reports_cover_every_phase_tlp_and_workflow_state()
    {
        await using var db = TestContexts.Create(seeded.Settings);
        var reports = await db.Reports.ToListAsync();

        Assert.InRange(reports.Count, 8, 10);
        foreach (var phase in Enum.GetValues<SupplyChainPhase>().Where(p => p != SupplyChainPhase.None))
        {
            Assert.Contains(reports, r => r.Phases.HasFlag(phase));
        }

        foreach (var tlp in new[] { Tlp.Clear, Tlp.Green, Tlp.Amber, Tlp.Red })
        {
            Assert.Contains(reports, r => r.Tlp == tlp);
        }

        Assert.True(reports.Count(r => r.Status == ContentStatus.Published) > reports.Count / 2);
        foreach (var status in new[] { ContentStatus.Draft, ContentStatus.InReview, ContentStatus.ChangesRequested })
        {
            Assert.Single(reports, r => r.Status == status);
        }
    }

    [Fact]
    public async Task Reports_map_to_real_ATLAS_techniques_and_have_references()
    {
        await using var db = TestContexts.Create(seeded.Settings);
        var reports = await db.Reports.Include(r => r.Techniques).Include(r => r.References).Include(r => r.Indicators).ToListAsync();
        var known = await AtlasIds.LoadAsync();

        Assert.All(reports, r => Assert.NotEmpty(r.Techniques));
        Assert.All(reports.SelectMany(r => r.Techniques), t => Assert.Contains(t.TechniqueId, known));
        Assert.All(reports.Where(r => r.Status == ContentStatus.Published), r => Assert.NotEmpty(r.References));
        Assert.All(reports, r => Assert.NotEmpty(r.Indicators));
    }

    [Fact]
    public async Task Published_reports_have_a_first_version_snapshot()
    {
        await using var db = TestContexts.Create(seeded.Settings);
        var published = await db.Reports.Include(r => r.Versions).Include(r => r.Indicators)
            .Where(r => r.Status == ContentStatus.Published).ToListAsync();

        Assert.All(published, report =>
        {
            var version = Assert.Single(report.Versions);
            Assert.Equal(1, version.Number);
            var snapshot = ReportSnapshot.FromJson(version.SnapshotJson);
            Assert.Equal(report.Title, snapshot.Title);
            Assert.Equal(report.Indicators.Count, snapshot.Indicators.Count);
            Assert.Equal(DateTimeKind.Utc, version.CreatedAt.Kind);
            Assert.Equal(DateTimeKind.Utc, report.PublishedAt!.Value.Kind);
        });
    }

    [Fact]
    public async Task Every_role_has_a_demo_account_and_each_signs_in_with_the_demo_password()
    {
        await using var db = TestContexts.Create(seeded.Settings);
        var hasher = new PasswordHasher<PortalUser>();
        var rolesByEmail = (await (from ur in db.UserRoles
                                   join r in db.Roles on ur.RoleId equals r.Id
                                   join u in db.Users on ur.UserId equals u.Id
                                   select new { u.Email, Role = r.Name }).ToListAsync())
            .GroupBy(x => x.Email!)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Role!).Order().ToList());

        Assert.All(PortalRoles.All, role => Assert.Contains(rolesByEmail.Values, roles => roles.Contains(role)));
        Assert.Equal([PortalRoles.Contributor, PortalRoles.Curator], rolesByEmail["curator@demo.aicti.local"]);
        Assert.Equal([PortalRoles.Contributor, PortalRoles.Reviewer], rolesByEmail["reviewer2@demo.aicti.local"]);
        Assert.Equal([PortalRoles.Consumer], rolesByEmail["consumer@demo.aicti.local"]);
        foreach (var user in await db.Users.ToListAsync())
        {
            Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, "Demo-Passw0rd!"));
        }
    }

    [Fact]
    public async Task The_consumer_belongs_to_the_amber_cleared_organisation()
    {
        await using var db = TestContexts.Create(seeded.Settings);

        var membership = await db.OrganisationMemberships.Include(m => m.Organisation).Include(m => m.User)
            .SingleAsync(m => m.User!.Email == "consumer@demo.aicti.local");

        Assert.Equal("Northwind AI Security", membership.Organisation!.Name);
        Assert.Equal(Tlp.Amber, membership.Organisation.Clearance);
        Assert.Contains(await db.Organisations.ToListAsync(), o => o.Clearance == Tlp.Green);
    }

    [Fact]
    public async Task A_second_run_adds_nothing()
    {
        Assert.True(seeded.FirstRunSeeded);
        await using var db = TestContexts.Create(seeded.Settings);
        var before = (await db.Users.CountAsync(), await db.Reports.CountAsync(), await db.Indicators.CountAsync());

        Assert.False(await new DemoDataSeeder(TimeProvider.System).SeedAsync(db, CancellationToken.None));
        await PortalRoleSeeder.EnsureRolesAsync(db, CancellationToken.None);

        Assert.Equal(before, (await db.Users.CountAsync(), await db.Reports.CountAsync(), await db.Indicators.CountAsync()));
        Assert.Equal(PortalRoles.All.Count, await db.Roles.CountAsync());
    }
}
