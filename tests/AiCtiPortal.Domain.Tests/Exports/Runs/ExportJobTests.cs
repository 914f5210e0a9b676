using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Tests.Exports.Sets;
using AiCtiPortal.Domain.Tests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TriggerBuilder = Quartz.TriggerBuilder;
using ISchedulerFactory = Quartz.ISchedulerFactory;

namespace AiCtiPortal.Domain.Tests.Exports.Runs;

/// <summary>Exports queued by curators run on the real scheduler and are mirrored on a JobRun with their outcome.</summary>
public sealed class ExportJobTests : IAsyncLifetime
{
    private JobsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await JobsTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ExportLauncher Launcher => _host.Services.GetRequiredService<ExportLauncher>();

    [Fact]
    public async Task A_curators_export_runs_as_a_job_and_its_job_run_reports_the_outcome()
    {
        var bed = new CuratedSetTestBed(_host.Database);
        await bed.LooseIndicatorAsync(CuratedSetTestBed.Indicator());
        var (curator, _, set) = await bed.SavedSetAsync();

        var exportRunId = await Launcher.EnqueueExportAsync(set.Id, ExportFormat.StixBundle, ExportKind.Incremental, curator, CancellationToken.None);
        Guid jobRunId;
        await using (var db = bed.Db())
        {
            jobRunId = (await db.ExportRuns.SingleAsync(r => r.Id == exportRunId)).JobRunId!.Value;
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == exportRunId.ToString() && a.Action == "ExportRun.Request" && a.ActorId == curator));
        }

        var job = await _host.WaitForAsync(jobRunId);

        Assert.Equal((JobRunStatus.Succeeded, 100, ExportJob.Name, curator), (job.Status, job.Progress, job.JobName, job.RequestedBy));
        Assert.Contains("STIX 2.1 bundle (full): 0 reports, 1 indicators", job.Message, StringComparison.Ordinal);
        Assert.Contains("no earlier successful export", job.Message, StringComparison.Ordinal);
        await using var check = bed.Db();
        var run = await check.ExportRuns.SingleAsync(r => r.Id == exportRunId);
        Assert.Equal((ExportRunStatus.Succeeded, ExportKind.Full, 1L), (run.Status, run.Kind, run.IndicatorCount));
        Assert.True(File.Exists(Path.Combine(ExportOptions.SetFolder(_host.Database.DataFolder, set.Id), run.PackageFolder!, ExportFiles.StixBundle)));
    }

    [Fact]
    public async Task Only_curators_can_start_an_export_and_not_while_the_same_one_is_scheduled()
    {
        var bed = new CuratedSetTestBed(_host.Database);
        var (curator, _, set) = await bed.SavedSetAsync();
        var consumer = await bed.UserAsync(PortalRoles.Consumer);

        var refused = await Assert.ThrowsAsync<JobLaunchException>(
            () => Launcher.EnqueueExportAsync(set.Id, ExportFormat.Csv, ExportKind.Full, consumer, CancellationToken.None));
        Assert.Equal("Only curators can start exports.", refused.Message);

        var jobRunId = Guid.NewGuid();
        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.ScheduleJob(TriggerBuilder.Create()
            .WithIdentity($"run-{jobRunId:N}", PortalJobs.Group).ForJob(PortalJobs.Export.Key).StartAt(DateTimeOffset.UtcNow.AddHours(1)).Build());
        await AddRunAsync(bed, set.Id, curator, jobRunId);

        var twice = await Assert.ThrowsAsync<JobLaunchException>(
            () => Launcher.EnqueueExportAsync(set.Id, ExportFormat.Csv, ExportKind.Full, curator, CancellationToken.None));
        Assert.Contains("already queued or running", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_left_running_by_a_stopped_portal_is_marked_failed_and_does_not_block_a_new_export()
    {
        var bed = new CuratedSetTestBed(_host.Database);
        var (curator, _, set) = await bed.SavedSetAsync();
        var stale = await AddRunAsync(bed, set.Id, curator, Guid.NewGuid());

        var next = await Launcher.EnqueueExportAsync(set.Id, ExportFormat.Csv, ExportKind.Full, curator, CancellationToken.None);

        await using var db = bed.Db();
        var abandoned = await db.ExportRuns.SingleAsync(r => r.Id == stale);
        Assert.Equal(ExportRunStatus.Failed, abandoned.Status);
        Assert.Contains("interrupted", abandoned.Message, StringComparison.Ordinal);
        Assert.True(await db.ExportRuns.AnyAsync(r => r.Id == next));
    }

    private static async Task<Guid> AddRunAsync(CuratedSetTestBed bed, Guid setId, string curator, Guid jobRunId)
    {
        await using var db = bed.Db();
        var run = new ExportRun
        {
            CuratedSetId = setId, Format = ExportFormat.Csv, Status = ExportRunStatus.Running, RequestedBy = curator, JobRunId = jobRunId,
        };
        db.ExportRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }
}
