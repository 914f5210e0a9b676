using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Packages;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Authorization;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>
/// Export files reach the members of a set's reader organisations only, by the names their manifest lists; everyone
/// else signed in gets a 404 and anonymous browsers the login page. Once per database provider.
/// </summary>
public abstract class ExportDownloadScenarios(PortalFactory factory)
{
    private const string Password = "Correct-Horse-42";

    [Fact]
    public async Task A_member_of_a_reader_organisation_downloads_the_files_the_manifest_lists()
    {
        var (reader, _, run) = await PublishedExportAsync();
        var client = await SignedInAsync(reader);

        var manifestResponse = await client.GetAsync($"/exports/{run.Id}/{ExportManifest.FileName}");
        Assert.Equal(HttpStatusCode.OK, manifestResponse.StatusCode);
        var manifest = JsonSerializer.Deserialize<ExportManifest>(await manifestResponse.Content.ReadAsStringAsync())!;
        var listed = Assert.Single(manifest.Files);

        var response = await client.GetAsync($"/exports/{run.Id}/{listed.Name}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(ExportFiles.Csv, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(listed.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));

        var page = await (await client.GetAsync("/exports")).Content.ReadAsStringAsync();
        Assert.Contains($"/exports/{run.Id}/{ExportFiles.Csv}", page, StringComparison.Ordinal);
        Assert.Contains(listed.Sha256, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_of_another_organisation_gets_not_found()
    {
        var (_, _, run) = await PublishedExportAsync();
        var outsider = await factory.CreateUserAsync(Password, PortalRoles.Consumer);
        await OrganisationAsync(Tlp.Red, outsider.Id);
        var client = await SignedInAsync(outsider);

        var response = await client.GetAsync($"/exports/{run.Id}/{ExportFiles.Csv}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await (await client.GetAsync("/exports")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(run.Id.ToString(), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var (_, _, run) = await PublishedExportAsync();

        var response = await factory.CreatePortalClient().GetAsync($"/exports/{run.Id}/{ExportFiles.Csv}");

        Assert.Equal(Access.Login, AccessObserver.Observe(response).Access);
    }

    [Theory]
    [InlineData("other.csv")]
    [InlineData("..%2F..%2Faicti.db")]
    [InlineData("bundle.json")]
    [InlineData("..%5Cmanifest.json")]
    public async Task A_file_name_the_manifest_does_not_list_is_refused(string file)
    {
        var (reader, _, run) = await PublishedExportAsync();
        var client = await SignedInAsync(reader);

        var response = await client.GetAsync($"/exports/{run.Id}/{file}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>A set read by a new organisation with one consumer member, exported as CSV by the real builder.</summary>
    private async Task<(PortalUser Reader, Guid Set, ExportRun Run)> PublishedExportAsync()
    {
        var curator = await factory.CreateUserAsync(Password, PortalRoles.Curator);
        var reader = await factory.CreateUserAsync(Password, PortalRoles.Consumer);
        var organisation = await OrganisationAsync(Tlp.Amber, reader.Id);
        var store = factory.Services.GetRequiredService<CuratedSetStore>();
        var set = await store.CreateAsync(
            new CuratedSetDraft { Name = $"Downloads {Guid.NewGuid():N}", TlpCeiling = Tlp.Amber, ReaderIds = [organisation] }, curator.Id);
        var run = new ExportRun { CuratedSetId = set.Id, Format = ExportFormat.Csv, Kind = ExportKind.Full, RequestedBy = curator.Id };
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.ExportRuns.Add(run);
            await db.SaveChangesAsync();
        }

        var built = await factory.Services.GetRequiredService<ExportBuilder>().BuildAsync(run.Id, null, CancellationToken.None);
        Assert.Equal(ExportRunStatus.Succeeded, built.Status);
        return (reader, set.Id, built);
    }

    private async Task<Guid> OrganisationAsync(Tlp clearance, string memberId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var organisation = new Organisation { Name = $"Readers {Guid.NewGuid():N}", Clearance = clearance };
        db.Organisations.Add(organisation);
        db.OrganisationMemberships.Add(new OrganisationMembership { OrganisationId = organisation.Id, UserId = memberId });
        await db.SaveChangesAsync();
        return organisation.Id;
    }

    private async Task<HttpClient> SignedInAsync(PortalUser user)
    {
        var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!, Password)).StatusCode);
        return client;
    }
}

public sealed class SqliteExportDownloadScenarios(SqlitePortalFactory factory)
    : ExportDownloadScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresExportDownloadScenarios(PostgresPortalFactory factory)
    : ExportDownloadScenarios(factory), IClassFixture<PostgresPortalFactory>;
