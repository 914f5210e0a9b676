using System.Net;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Tests.Atlas;

namespace AiCtiPortal.Domain.Tests.Jobs;

public sealed class AtlasImportJobTests : IAsyncLifetime
{
    private const string Url = "https://atlas.example.test/ATLAS.yaml";
    private JobsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await JobsTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Uploaded_atlas_file_is_imported_by_the_scheduler_and_the_run_succeeds()
    {
        var upload = await _host.UploadAsync(SharedAtlasFile.ReadText());

        var runId = await _host.Launcher.EnqueueAtlasImportAsync(new AtlasImportRequest(upload, null), "curator-1", CancellationToken.None);
        var run = await _host.WaitForAsync(runId);

        Assert.Equal(JobRunStatus.Succeeded, run.Status);
        Assert.Equal("Imported ATLAS 5.6.0: 16 tactics, 170 techniques", run.Message);
        Assert.Equal((100, 1, "curator-1", AtlasImportJob.Name), (run.Progress, run.Attempt, run.RequestedBy, run.JobName));
        Assert.NotNull(run.StartedAt);
        Assert.True(run.FinishedAt >= run.StartedAt);
        Assert.Null(run.Error);
        Assert.Equal((16, 170, 1), await _host.CatalogueAsync());
        Assert.False(File.Exists(upload), "The uploaded file should be deleted after the import.");
    }

    [Fact]
    public async Task Malformed_file_fails_with_a_curator_message_and_leaves_the_catalogue_intact()
    {
        var good = await _host.Launcher.EnqueueAtlasImportAsync(
            new AtlasImportRequest(await _host.UploadAsync(AtlasYaml.Minimal), null), "curator-1", CancellationToken.None);
        Assert.Equal(JobRunStatus.Succeeded, (await _host.WaitForAsync(good)).Status);
        var malformed = AtlasYaml.Minimal
            .ReplaceFirst("- id: AML.T0001.000", "- id: AML.T0999.001")
            .ReplaceFirst("subtechnique-of: AML.T0001", "subtechnique-of: AML.T0999");
        var upload = await _host.UploadAsync(malformed);

        var run = await _host.WaitForAsync(
            await _host.Launcher.EnqueueAtlasImportAsync(new AtlasImportRequest(upload, null), "curator-1", CancellationToken.None));

        Assert.Equal(JobRunStatus.Failed, run.Status);
        Assert.StartsWith("The ATLAS file was rejected: ", run.Message, StringComparison.Ordinal);
        Assert.Contains("Technique AML.T0999.001 names parent AML.T0999, which the file does not define.", run.Message, StringComparison.Ordinal);
        Assert.Contains("left unchanged", run.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at AiCtiPortal", run.Message, StringComparison.Ordinal);
        Assert.Contains("AtlasFormatException", run.Error, StringComparison.Ordinal);
        Assert.Equal((2, 2, 1), await _host.CatalogueAsync());
        Assert.False(File.Exists(upload));
    }

    [Fact]
    public async Task Failed_download_can_be_retried_with_the_same_parameters()
    {
        _host.Http.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK, File.ReadAllBytes(SharedAtlasFile.Path));
        var first = await _host.WaitForAsync(
            await _host.Launcher.EnqueueAtlasImportAsync(new AtlasImportRequest(null, Url), "curator-1", CancellationToken.None));
        Assert.Equal(JobRunStatus.Failed, first.Status);
        Assert.Contains($"Downloading {Url} failed", first.Message, StringComparison.Ordinal);
        Assert.Contains("503", first.Message, StringComparison.Ordinal);

        var retryId = await _host.Launcher.RetryAsync(first.Id, "curator-2", CancellationToken.None);
        var retry = await _host.WaitForAsync(retryId);

        Assert.NotEqual(first.Id, retryId);
        Assert.Equal((JobRunStatus.Succeeded, 2, "curator-2"), (retry.Status, retry.Attempt, retry.RequestedBy));
        Assert.Equal(first.ParametersJson, retry.ParametersJson);
        Assert.Equal([new Uri(Url), new Uri(Url)], _host.Http.Requests);
        Assert.Equal((16, 170, 1), await _host.CatalogueAsync());
    }

    [Fact]
    public async Task Only_failed_runs_can_be_retried()
    {
        _host.Http.Then(HttpStatusCode.OK, System.Text.Encoding.UTF8.GetBytes(AtlasYaml.Minimal));
        var run = await _host.WaitForAsync(
            await _host.Launcher.EnqueueAtlasImportAsync(new AtlasImportRequest(null, Url), "curator-1", CancellationToken.None));

        var ex = await Assert.ThrowsAsync<JobLaunchException>(() => _host.Launcher.RetryAsync(run.Id, "curator-1", CancellationToken.None));

        Assert.Contains("Only a failed run can be retried; this one is Succeeded.", ex.Message, StringComparison.Ordinal);
    }
}
