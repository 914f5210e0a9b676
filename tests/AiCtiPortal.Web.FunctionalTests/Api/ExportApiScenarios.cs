using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Packages;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests.Api;

/// <summary>
/// A tool pulling curated sets through /api/v1: list its sets, find the newest export, download and verify its files.
/// Who may read what is the access matrix's business (SetAccessScenarios); this covers the answers' content, the
/// filters and the errors. Once per database provider.
/// </summary>
public abstract class ExportApiScenarios(PortalFactory factory)
{
    private readonly ApiTestBed _bed = new(factory);

    [Fact]
    public async Task An_organisation_token_finds_the_latest_export_and_downloads_files_matching_the_manifest()
    {
        var world = await SetWithExportsAsync(ExportFormat.Csv, ExportFormat.StixBundle);
        var sets = await ApiTestBed.JsonAsync(await _bed.GetAsync("/api/v1/sets", world.Token));
        var listed = Assert.Single(sets.EnumerateArray());
        Assert.Equal(world.SetId, listed.GetProperty("id").GetGuid());
        Assert.Equal("Green", listed.GetProperty("ceiling").GetString());

        var latest = await _bed.GetAsync($"{listed.GetProperty("exportsUrl").GetString()}/latest?format=csv&kind=Full", world.Token);
        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        var run = await ApiTestBed.JsonAsync(latest);
        Assert.Equal(world.Runs[ExportFormat.Csv], run.GetProperty("id").GetGuid());
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal("Green", run.GetProperty("ceiling").GetString());

        var manifest = JsonSerializer.Deserialize<ExportManifest>(
            await (await _bed.GetAsync(run.GetProperty("manifestUrl").GetString()!, world.Token)).Content.ReadAsStringAsync())!;
        Assert.Equal(world.Runs[ExportFormat.Csv], manifest.ExportId);
        var file = Assert.Single(run.GetProperty("files").EnumerateArray());
        var listedFile = Assert.Single(manifest.Files);
        Assert.Equal(listedFile.Name, file.GetProperty("name").GetString());
        Assert.Equal(listedFile.Sha256, file.GetProperty("sha256").GetString());

        var download = await _bed.GetAsync(file.GetProperty("url").GetString()!, world.Token);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(listedFile.Bytes, bytes.Length);
        Assert.Equal(listedFile.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Contains(world.GreenValue, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain(world.AmberValue, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_request_resumes_a_download()
    {
        var world = await SetWithExportsAsync(ExportFormat.StixBundle);
        var run = await ApiTestBed.JsonAsync(await _bed.GetAsync($"/api/v1/exports/{world.Runs[ExportFormat.StixBundle]}", world.Token));
        var file = run.GetProperty("files").EnumerateArray().First();
        var whole = await (await _bed.GetAsync(file.GetProperty("url").GetString()!, world.Token)).Content.ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, file.GetProperty("url").GetString());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.Token);
        request.Headers.Range = new RangeHeaderValue(100, null);
        using var response = await factory.CreatePortalClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(whole[100..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_history_filters_by_format_and_downloadability_and_pages_newest_first()
    {
        var world = await SetWithExportsAsync(ExportFormat.Csv, ExportFormat.JsonLines);
        var failed = await FailedRunAsync(world.SetId, world.CuratorId);
        var url = $"/api/v1/sets/{world.SetId}/exports";

        var all = await ApiTestBed.JsonAsync(await _bed.GetAsync(url, world.Token));
        Assert.Equal(3, all.GetProperty("totalCount").GetInt32());
        Assert.Equal([failed, world.Runs[ExportFormat.JsonLines], world.Runs[ExportFormat.Csv]], ApiTestBed.Ids(all));
        var failedRun = all.GetProperty("items")[0];
        Assert.Equal("Failed", failedRun.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, failedRun.GetProperty("manifestUrl").ValueKind);
        Assert.Empty(failedRun.GetProperty("files").EnumerateArray());

        Assert.Equal([failed, world.Runs[ExportFormat.Csv]], ApiTestBed.Ids(await ApiTestBed.JsonAsync(await _bed.GetAsync($"{url}?format=Csv", world.Token))));
        Assert.Equal([world.Runs[ExportFormat.Csv]],
            ApiTestBed.Ids(await ApiTestBed.JsonAsync(await _bed.GetAsync($"{url}?format=csv&downloadable=true", world.Token))));
        Assert.Equal([world.Runs[ExportFormat.JsonLines], world.Runs[ExportFormat.Csv]],
            ApiTestBed.Ids(await ApiTestBed.JsonAsync(await _bed.GetAsync($"{url}?downloadable=true", world.Token))));
        Assert.Equal([failed], ApiTestBed.Ids(await ApiTestBed.JsonAsync(await _bed.GetAsync($"{url}?status=failed", world.Token))));

        var second = await ApiTestBed.JsonAsync(await _bed.GetAsync($"{url}?pageSize=2&page=2", world.Token));
        Assert.Equal([world.Runs[ExportFormat.Csv]], ApiTestBed.Ids(second));
        Assert.Equal(2, second.GetProperty("pageCount").GetInt32());

        var latest = await _bed.GetAsync($"/api/v1/sets/{world.SetId}/exports/latest?format=MispEvents", world.Token);
        Assert.Equal(HttpStatusCode.NotFound, latest.StatusCode);
        Assert.Contains("no downloadable export", (await ApiTestBed.ProblemAsync(latest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_parameters_are_each_named_in_a_problem()
    {
        var world = await SetWithExportsAsync(ExportFormat.Csv);

        var response = await _bed.GetAsync($"/api/v1/sets/{world.SetId}/exports?format=Xml&kind=Partial&status=2&downloadable=maybe&page=0", world.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiTestBed.ProblemAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Collection(errors,
            e => Assert.StartsWith("format: \"Xml\" is not one of StixBundle, MispEvents, Csv, JsonLines", e, StringComparison.Ordinal),
            e => Assert.StartsWith("kind: \"Partial\"", e, StringComparison.Ordinal),
            e => Assert.StartsWith("status: \"2\"", e, StringComparison.Ordinal),
            e => Assert.StartsWith("downloadable: \"maybe\"", e, StringComparison.Ordinal),
            e => Assert.StartsWith("page: \"0\"", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("other.csv")]
    [InlineData("..%2F..%2Faicti.db")]
    [InlineData("..%5Cmanifest.json")]
    public async Task A_file_name_the_manifest_does_not_list_is_not_found(string file)
    {
        var world = await SetWithExportsAsync(ExportFormat.Csv);

        var response = await _bed.GetAsync($"/api/v1/exports/{world.Runs[ExportFormat.Csv]}/files/{file}", world.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await ApiTestBed.ProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Unknown_sets_and_exports_are_not_found()
    {
        var world = await SetWithExportsAsync(ExportFormat.Csv);

        Assert.Equal(HttpStatusCode.NotFound, (await _bed.GetAsync($"/api/v1/sets/{Guid.NewGuid()}/exports", world.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _bed.GetAsync($"/api/v1/sets/{Guid.NewGuid()}/exports/latest", world.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _bed.GetAsync($"/api/v1/exports/{Guid.NewGuid()}", world.Token)).StatusCode);
    }

    private sealed record ExportWorld(
        Guid SetId, string CuratorId, string Token, IReadOnlyDictionary<ExportFormat, Guid> Runs, string GreenValue, string AmberValue);

    /// <summary>
    /// A Green set read by one organisation (Amber clearance) with an organisation token, holding a Green and an Amber
    /// item, exported in <paramref name="formats"/> by the real builder, one after another.
    /// </summary>
    private async Task<ExportWorld> SetWithExportsAsync(params ExportFormat[] formats)
    {
        var marker = $"exportapi{Guid.NewGuid():N}"[..20];
        var (_, _, green) = await _bed.PublishedAsync(marker, Tlp.Green);
        var (_, _, amber) = await _bed.PublishedAsync(marker, Tlp.Amber);
        var curator = await factory.CreateUserAsync(ApiTestBed.Password, PortalRoles.Curator);
        Guid organisationId;
        await using (var db = await _bed.ContextAsync())
        {
            var organisation = new Organisation { Name = $"Pullers {marker}", Clearance = Tlp.Amber };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            organisationId = organisation.Id;
        }

        var set = await factory.Services.GetRequiredService<CuratedSetStore>().CreateAsync(
            new CuratedSetDraft { Name = $"Pulled {marker}", TlpCeiling = Tlp.Green, ReaderIds = [organisationId] }, curator.Id);
        var token = await factory.Services.GetRequiredService<ApiTokenService>().CreateForOrganisationAsync(
            organisationId, curator.Id, new ApiTokenRequest("Puller", ApiTokenScopes.DownloadExports, DateTime.UtcNow.AddDays(7)));

        var runs = new Dictionary<ExportFormat, Guid>();
        foreach (var format in formats)
        {
            var run = new ExportRun { CuratedSetId = set.Id, Format = format, Kind = ExportKind.Full, RequestedBy = curator.Id };
            await using (var db = await _bed.ContextAsync())
            {
                db.ExportRuns.Add(run);
                await db.SaveChangesAsync();
            }

            var built = await factory.Services.GetRequiredService<ExportBuilder>().BuildAsync(run.Id, null, CancellationToken.None);
            Assert.Equal(ExportRunStatus.Succeeded, built.Status);
            runs[format] = run.Id;
        }

        return new ExportWorld(set.Id, curator.Id, token.Token, runs, green, amber);
    }

    private async Task<Guid> FailedRunAsync(Guid setId, string curatorId)
    {
        await using var db = await _bed.ContextAsync();
        var run = new ExportRun
        {
            CuratedSetId = setId, Format = ExportFormat.Csv, Kind = ExportKind.Full, RequestedBy = curatorId,
            Status = ExportRunStatus.Failed, Message = "The disk was full.", FinishedAt = DateTime.UtcNow,
        };
        db.ExportRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }
}

public sealed class SqliteExportApiScenarios(SqlitePortalFactory factory)
    : ExportApiScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresExportApiScenarios(PostgresPortalFactory factory)
    : ExportApiScenarios(factory), IClassFixture<PostgresPortalFactory>;
