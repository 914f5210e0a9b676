using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Tests.Atlas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using IScheduler = Quartz.IScheduler;
using ISchedulerFactory = Quartz.ISchedulerFactory;

namespace AiCtiPortal.Domain.Tests.Jobs;

/// <summary>
/// The portal's data and job services on a migrated SQLite file, with the real Quartz scheduler (persistent store in
/// that file) started, and HTTP answered by a <see cref="ScriptedHttpHandler"/>.
/// </summary>
internal sealed class JobsTestHost : IAsyncDisposable
{
    private readonly PortalTestServices _portal;
    private readonly IScheduler _scheduler;

    private JobsTestHost(PortalTestServices portal, IScheduler scheduler, ScriptedHttpHandler http)
    {
        _portal = portal;
        _scheduler = scheduler;
        Http = http;
    }

    public ScriptedHttpHandler Http { get; }

    public IServiceProvider Services => _portal.Services;

    public IJobLauncher Launcher => Services.GetRequiredService<IJobLauncher>();

    public PortalDatabaseSettings Database => Services.GetRequiredService<PortalDatabaseSettings>();

    public IDbContextFactory<PortalDbContext> Db => _portal.Db;

    public string ContentRoot => _portal.Folder;

    public static async Task<JobsTestHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var http = new ScriptedHttpHandler();
        var portal = await PortalTestServices.StartAsync(
            (services, configuration, root) =>
            {
                services.AddPortalJobs(configuration, root);
                services.AddHttpClient(AtlasImportJob.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => http);
            },
            settings);
        var scheduler = await portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        return new JobsTestHost(portal, scheduler, http);
    }

    public async Task<string> UploadAsync(string yaml)
    {
        await using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(yaml));
        return await JobUploads.SaveAsync(Database, content, ".yaml", 50L * 1024 * 1024, CancellationToken.None);
    }

    /// <summary>Polls the run until it has finished, failing the test after 20 seconds.</summary>
    public async Task<JobRun> WaitForAsync(Guid runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using (var db = await Db.CreateDbContextAsync())
            {
                var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
                if (run.Status is JobRunStatus.Succeeded or JobRunStatus.Failed)
                {
                    return run;
                }

                Assert.True(DateTime.UtcNow < deadline, $"Job run {runId} is still {run.Status} after 20 seconds.");
            }

            await Task.Delay(100);
        }
    }

    public async Task<(int Tactics, int Techniques, int Releases)> CatalogueAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        return (await db.AtlasTactics.CountAsync(), await db.AtlasTechniques.CountAsync(), await db.AtlasReleases.CountAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _scheduler.Shutdown(waitForJobsToComplete: true);
        await _portal.DisposeAsync();
    }
}
