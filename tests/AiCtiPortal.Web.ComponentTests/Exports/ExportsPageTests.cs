using System.Security.Claims;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Components.Pages.Exports;
using AiCtiPortal.Web.ComponentTests.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Bunit.TestDoubles;
using Quartz;

namespace AiCtiPortal.Web.ComponentTests.Exports;

/// <summary>
/// The Exports page on a SQLite file, with exports built by the real builder: readers see their sets' history with
/// hashes and links; only curators get the start form, and a start that cannot be scheduled is explained.
/// </summary>
public sealed class ExportsPageTests : SqliteBunitContext
{
    private readonly BunitAuthorizationContext _auth;

    public ExportsPageTests()
        : base("exports-page")
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = AddAuthorization();

        Services.AddLogging();
        Services.AddSingleton(Settings);
        Services.AddSingleton(Options.Create(new ExportOptions()));
        Services.AddCuratedSets();
        Services.AddSingleton<ExportBuilder>();
        Services.AddSingleton<ExportHistory>();
        Services.AddSingleton<JobRunRecorder>();
        Services.AddSingleton<JobRunQueue>();
        Services.AddSingleton<ISchedulerFactory, UnavailableSchedulers>();
        Services.AddSingleton<ExportLauncher>();
        using var db = CreateDatabase();
        CuratorId = AddUser(db, PortalRoles.Curator);
        ReaderId = AddUser(db, PortalRoles.Consumer);
        var organisation = new Organisation { Name = "Northwind AI Security", Clearance = Tlp.Amber };
        db.Organisations.Add(organisation);
        db.OrganisationMemberships.Add(new OrganisationMembership { OrganisationId = organisation.Id, UserId = ReaderId });
        var value = "models.example";
        db.Indicators.Add(new Indicator
        {
            Type = IndicatorType.Domain, Value = value, NormalizedValue = value, ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.Domain, value),
            Tlp = Tlp.Green, Confidence = 70, Status = ContentStatus.Published, CreatedById = CuratorId,
        });
        db.SaveChanges();
        OrganisationId = organisation.Id;

        // A live circuit, so the page polls while an export runs (set last: it freezes the service container).
        SetRendererInfo(new RendererInfo("Server", true));
    }

    private string CuratorId { get; }

    private string ReaderId { get; }

    private Guid OrganisationId { get; }

    [Fact]
    public async Task A_reader_sees_each_export_with_its_counts_hash_and_download_links_but_cannot_start_one()
    {
        var set = await SetAsync();
        var run = await BuildAsync(set, ExportFormat.Csv);
        SignIn(ReaderId, PortalRoles.Consumer);

        var page = Render<ExportsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=export-run]")));
        Assert.Empty(page.FindAll("[data-testid=export-start]"));
        var row = page.Find("[data-testid=export-run]");
        Assert.Contains("CSV", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(run.TotalBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " B", row.TextContent, StringComparison.Ordinal);
        var link = page.Find("[data-testid=export-download]");
        Assert.Equal($"/exports/{run.Id}/{ExportFiles.Csv}", link.GetAttribute("href"));
        Assert.Matches("[0-9a-f]{64}", row.QuerySelector("code")!.TextContent);
        Assert.Equal($"/exports/{run.Id}/manifest.json", page.Find("[data-testid=export-manifest]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_curator_sees_progress_of_a_running_export_and_is_told_when_a_new_one_cannot_be_scheduled()
    {
        var set = await SetAsync();
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.ExportRuns.Add(new ExportRun
            {
                CuratedSetId = set, Format = ExportFormat.StixBundle, Status = ExportRunStatus.Running, Progress = 40, RequestedBy = CuratorId,
            });
            await db.SaveChangesAsync();
        }

        SignIn(CuratorId, PortalRoles.Curator);
        var page = Render<ExportsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=export-progress]")));

        page.Find("[data-testid=export-format]").Change(ExportFormat.JsonLines.ToString());
        page.Find("[data-testid=export-start-button]").Click();

        page.WaitForAssertion(() => Assert.Equal(
            "The background scheduler is unavailable; the export was not started.", page.Find("[data-testid=export-error]").TextContent));
        page.WaitForAssertion(() => Assert.Contains(
            "could not be scheduled", page.Find("[data-testid=export-failure]").TextContent, StringComparison.Ordinal));
    }

    private void SignIn(string userId, string role)
    {
        _auth.SetAuthorized($"{role.ToLowerInvariant()}@tests.aicti.local");
        _auth.SetRoles(role);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    private async Task<Guid> SetAsync()
    {
        var saved = await Services.GetRequiredService<CuratedSetStore>().CreateAsync(
            new CuratedSetDraft { Name = "Model hub watch", TlpCeiling = Tlp.Amber, ReaderIds = [OrganisationId] }, CuratorId);
        return saved.Id;
    }

    private async Task<ExportRun> BuildAsync(Guid setId, ExportFormat format)
    {
        var run = new ExportRun { CuratedSetId = setId, Format = format, RequestedBy = CuratorId };
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            db.ExportRuns.Add(run);
            await db.SaveChangesAsync();
        }

        return await Services.GetRequiredService<ExportBuilder>().BuildAsync(run.Id, null, CancellationToken.None);
    }

    private static string AddUser(PortalDbContext db, string roleName)
    {
        var user = new PortalUser { UserName = $"{Guid.NewGuid():N}@tests.aicti.local", DisplayName = roleName };
        var role = db.Roles.Local.SingleOrDefault(r => r.Name == roleName) ?? new IdentityRole(roleName) { NormalizedName = roleName.ToUpperInvariant() };
        db.Users.Add(user);
        if (db.Entry(role).State == EntityState.Detached)
        {
            db.Roles.Add(role);
        }

        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        db.SaveChanges();
        return user.Id;
    }

    /// <summary>A scheduler that is down: the launcher must record the failure and say so.</summary>
    private sealed class UnavailableSchedulers : ISchedulerFactory
    {
        public ValueTask<List<IScheduler>> GetAllSchedulers(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new List<IScheduler>());

        public ValueTask<IScheduler> GetScheduler(CancellationToken cancellationToken = default) =>
            throw new SchedulerException("The scheduler is down.");

        public ValueTask<IScheduler?> GetScheduler(string schedName, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IScheduler?>(null);

        public ValueTask<IScheduler?> LookupScheduler(string schedName, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IScheduler?>(null);
    }
}
