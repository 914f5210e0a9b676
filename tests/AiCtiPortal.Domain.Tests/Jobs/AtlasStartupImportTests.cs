using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Tests.Atlas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace AiCtiPortal.Domain.Tests.Jobs;

public sealed class AtlasStartupImportTests : IAsyncLifetime
{
    private JobsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await JobsTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Jobs:AtlasImport:LocalFile"] = SharedAtlasFile.Path,
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private AtlasStartupImport Startup(string environment) =>
        ActivatorUtilities.CreateInstance<AtlasStartupImport>(_host.Services, new Environment(environment, _host.ContentRoot));

    [Fact]
    public async Task Development_start_up_imports_the_local_file_once()
    {
        var runId = await Startup(Environments.Development).EnqueueIfNeededAsync(CancellationToken.None);

        Assert.NotNull(runId);
        var run = await _host.WaitForAsync(runId.Value);
        Assert.Equal((JobRunStatus.Succeeded, AtlasStartupImport.RequestedBy), (run.Status, run.RequestedBy));
        Assert.Equal((16, 170, 1), await _host.CatalogueAsync());
        Assert.True(File.Exists(SharedAtlasFile.Path), "The start-up import must import a copy, never delete the original.");

        Assert.Null(await Startup(Environments.Development).EnqueueIfNeededAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Production_start_up_imports_nothing()
    {
        await Startup(Environments.Production).StartAsync(CancellationToken.None);

        Assert.Equal((0, 0, 0), await _host.CatalogueAsync());
    }

    private sealed class Environment(string name, string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "AiCtiPortal.Tests";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
