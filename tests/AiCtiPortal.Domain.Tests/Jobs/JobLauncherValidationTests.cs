using AiCtiPortal.Domain.Jobs;

namespace AiCtiPortal.Domain.Tests.Jobs;

/// <summary>Requests the launcher refuses before anything is recorded or scheduled; they share one host.</summary>
public sealed class JobLauncherValidationTests(JobLauncherValidationTests.Host host) : IClassFixture<JobLauncherValidationTests.Host>
{
    [Theory]
    [InlineData("/etc/passwd", null, "must be saved in the portal's uploads folder")]
    [InlineData("../aicti.db", null, "must be saved in the portal's uploads folder")]
    [InlineData("missing.yaml", null, "not on the server")]
    [InlineData(null, null, "either an uploaded file or a URL")]
    [InlineData("x.yaml", "https://atlas.example.test/ATLAS.yaml", "either an uploaded file or a URL")]
    [InlineData(null, "file:///etc/passwd", "not an http(s) address")]
    public async Task Launcher_refuses_requests_outside_its_rules(string? filePath, string? url, string error)
    {
        var ex = await Assert.ThrowsAsync<JobLaunchException>(() =>
            host.Jobs.Launcher.EnqueueAtlasImportAsync(new AtlasImportRequest(filePath, url), "curator-1", CancellationToken.None));

        Assert.Contains(error, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrying_an_unknown_run_is_refused()
    {
        var ex = await Assert.ThrowsAsync<JobLaunchException>(() => host.Jobs.Launcher.RetryAsync(Guid.NewGuid(), "curator-1", CancellationToken.None));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    public sealed class Host : IAsyncLifetime
    {
        internal JobsTestHost Jobs { get; private set; } = null!;

        public async Task InitializeAsync() => Jobs = await JobsTestHost.StartAsync();

        public async Task DisposeAsync() => await Jobs.DisposeAsync();
    }
}
