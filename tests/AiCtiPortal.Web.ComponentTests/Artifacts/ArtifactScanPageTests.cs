using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AiCtiPortal.Domain.Artifacts;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Artifacts;
using AiCtiPortal.Web.Components.Pages.Artifacts;
using AiCtiPortal.Web.ComponentTests.Shared;
using AiCtiPortal.Web.Security;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Web.ComponentTests.Artifacts;

/// <summary>The scan page end to end inside bUnit: upload, result, matches and the draft button, on a SQLite file.</summary>
public sealed class ArtifactScanPageTests : SqliteBunitContext
{
    private static readonly byte[] MaliciousPickle =
        [0x80, 0x02, .. Encoding.ASCII.GetBytes("cposix\nsystem\n"), 0x8c, 0x02, (byte)'i', (byte)'d', 0x85, (byte)'R', (byte)'.'];

    private readonly BunitAuthorizationContext _auth;

    public ArtifactScanPageTests()
        : base("scan-page")
    {
        Services.AddSingleton(Settings);
        Services.AddSingleton(Options.Create(new ScanningOptions { MaxUploadBytes = 4096 }));
        Services.AddLogging();
        Services.AddArtifactKnowledge();
        Services.AddScoped<ArtifactScanService>();
        Services.AddScoped<ViewerAccessor>();
        Services.AddReportWorkflow(new ConfigurationBuilder().Build());
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Registered before the first service is resolved (bUnit freezes the container then); signed in per test.
        _auth = AddAuthorization();
        using var db = CreateDatabase();
    }

    private string ScratchFolder => Path.Combine(Folder, "scans");

    [Fact]
    public async Task A_contributor_sees_the_verdict_and_findings_and_can_start_a_draft_with_the_indicators()
    {
        var userId = await SignInAsync(PortalRoles.Contributor);
        var page = Render<ArtifactScan>();

        await UploadAndScanAsync(page, MaliciousPickle, "evil.pkl");

        Assert.Equal("Malicious", page.Find("[data-testid=scan-verdict]").TextContent);
        Assert.Contains("posix.system", page.Find("[data-testid=scan-findings]").TextContent);
        Assert.Contains("posix.system", page.Find("[data-testid=scan-indicators]").TextContent);
        Assert.Empty(Directory.GetFileSystemEntries(ScratchFolder));

        await page.Find("[data-testid=scan-start-draft]").ClickAsync(new());

        await using var db = await Contexts.CreateDbContextAsync();
        var report = await db.Reports.Include(r => r.Indicators).ThenInclude(l => l.Indicator).SingleAsync(r => r.AuthorId == userId);
        Assert.Equal("Scan of evil.pkl", report.Title);
        Assert.Equal(ContentStatus.Draft, report.Status);
        Assert.Contains(report.Indicators, l => l.Indicator!.Type == IndicatorType.ModelFileSha256);
        Assert.Contains(report.Indicators, l => l.Indicator!.Type == IndicatorType.PickleImport);
        Assert.EndsWith($"reports/{report.Id}/edit", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task The_upload_bar_stays_full_after_the_scan_and_the_result_names_the_policy_version()
    {
        await SignInAsync(PortalRoles.Consumer);
        var page = Render<ArtifactScan>();

        await UploadAndScanAsync(page, MaliciousPickle, "evil.pkl");

        var bar = page.Find("[data-testid=upload-progress]");
        Assert.Equal("progressbar", bar.GetAttribute("role"));
        Assert.Equal("100", bar.GetAttribute("aria-valuenow"));
        Assert.Contains($"Uploaded evil.pkl: {MaliciousPickle.Length} bytes of {MaliciousPickle.Length} bytes", page.Find("[data-testid=upload-status]").TextContent);
        Assert.Equal("aicti-default (built-in default)", page.Find("[data-testid=scan-policy]").TextContent);
    }

    [Fact]
    public async Task A_consumer_sees_the_result_but_no_draft_button()
    {
        await SignInAsync(PortalRoles.Consumer);
        var page = Render<ArtifactScan>();

        await UploadAndScanAsync(page, MaliciousPickle, "evil.pkl");

        Assert.Equal("Malicious", page.Find("[data-testid=scan-verdict]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=scan-start-draft]"));
    }

    [Fact]
    public async Task A_published_sha256_indicator_is_listed_as_a_match_linking_to_the_indicator()
    {
        var userId = await SignInAsync(PortalRoles.Contributor);
        var file = Encoding.UTF8.GetBytes($"known artifact {Guid.NewGuid():N}");
        var indicatorId = await PublishSha256Async(userId, Convert.ToHexStringLower(SHA256.HashData(file)));
        var page = Render<ArtifactScan>();

        await UploadAndScanAsync(page, file, "known.bin");

        var link = page.Find("[data-testid=scan-matches] a");
        Assert.Equal($"indicators/{indicatorId}", link.GetAttribute("href"));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_before_anything_is_uploaded()
    {
        await SignInAsync(PortalRoles.Contributor);
        var page = Render<ArtifactScan>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[5000], "big.bin"));


        Assert.Contains("4 KiB limit", page.Find("[data-testid=scan-error]").TextContent);
        Assert.True(page.Find("[data-testid=scan-start]").HasAttribute("disabled"));
        Assert.False(Directory.Exists(ScratchFolder) && Directory.GetFileSystemEntries(ScratchFolder).Length > 0);
    }

    private static async Task UploadAndScanAsync(IRenderedComponent<ArtifactScan> page, byte[] bytes, string name)
    {
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, name));
        await page.Find("[data-testid=scan-start]").ClickAsync(new());
        page.WaitForElement("[data-testid=scan-verdict]", TimeSpan.FromSeconds(20));
    }

    private async Task<string> SignInAsync(string role)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var user = new PortalUser { UserName = $"{role}@tests.aicti.local", Email = $"{role}@tests.aicti.local", DisplayName = role };
        var roleRow = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
        db.Users.Add(user);
        db.Roles.Add(roleRow);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleRow.Id });
        await db.SaveChangesAsync();

        _auth.SetAuthorized(user.UserName);
        _auth.SetRoles(role);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));
        return user.Id;
    }

    private async Task<Guid> PublishSha256Async(string authorId, string sha256)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var indicator = new Indicator
        {
            Type = IndicatorType.ModelFileSha256,
            Value = sha256,
            NormalizedValue = sha256,
            ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.ModelFileSha256, sha256),
            Tlp = Tlp.Clear,
            Status = ContentStatus.Published,
            CreatedById = authorId,
        };
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync();
        return indicator.Id;
    }
}
