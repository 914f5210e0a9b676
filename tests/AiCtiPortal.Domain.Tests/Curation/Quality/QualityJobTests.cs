using AiCtiPortal.Domain.Curation.Quality.Jobs;
using AiCtiPortal.Domain.Curation.Quality.Storage;
using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Atlas;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Domain.Tests.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ICronTrigger = Quartz.ICronTrigger;
using IScheduler = Quartz.IScheduler;
using ISchedulerFactory = Quartz.ISchedulerFactory;

namespace AiCtiPortal.Domain.Tests.Curation.Quality;

/// <summary>The quality jobs on the real scheduler and its persistent store, on SQLite and PostgreSQL (clustered).</summary>
public abstract class QualityJobTests : IAsyncLifetime
{
    private PortalTestServices _portal = null!;
    private IScheduler _scheduler = null!;

    protected abstract IDictionary<string, string?> Settings();

    public async Task InitializeAsync()
    {
        var settings = Settings();
        settings["Curation:QualityRecheck:Schedule"] = "0 15 4 * * ?";
        _portal = await PortalTestServices.StartAsync(
            (services, configuration, root) =>
            {
                services.AddPortalJobs(configuration, root);
                services.AddQualityChecks(configuration);
            },
            settings);
        // What the host's start-up does: the cron trigger goes into the persistent store.
        await ActivatorUtilities.CreateInstance<QualityRecheckSchedule>(_portal.Services).StartAsync(CancellationToken.None);

        _scheduler = await _portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await _scheduler.Start();
    }

    public async Task DisposeAsync()
    {
        await _scheduler.Shutdown(waitForJobsToComplete: true);
        await _portal.DisposeAsync();
    }

    private IDbContextFactory<PortalDbContext> Db => _portal.Db;

    [Fact]
    public async Task Submitting_a_report_queues_both_the_similarity_and_the_quality_check()
    {
        var bed = new WorkflowTestBed(_portal.Services.GetRequiredService<PortalDatabaseSettings>());
        var workflow = new ReportWorkflow(Db, Options.Create(new ReviewOptions()), TimeProvider.System,
            _portal.Services.GetRequiredService<IReportSubmittedHook>());
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var saved = await workflow.SaveDraftAsync(null, null, WorkflowTestBed.CompleteDraft(), author);

        await workflow.SubmitAsync(saved.ReportId, saved.ConcurrencyStamp, author);

        var quality = await WaitForAsync(await RunIdAsync(QualityCheckJob.Name));
        Assert.Equal(JobRunStatus.Succeeded, quality.Status);
        Assert.StartsWith($"Checked version 1 of report {saved.ReportId}: score ", quality.Message, StringComparison.Ordinal);
        Assert.Equal(JobRunStatus.Succeeded, (await WaitForAsync(await RunIdAsync(SimilarityCheckJob.Name))).Status);
        await using var db = await Db.CreateDbContextAsync();
        var report = await db.Reports.AsNoTracking().Include(r => r.Indicators).ThenInclude(l => l.Indicator).SingleAsync(r => r.Id == saved.ReportId);
        Assert.NotNull(report.QualityScore);
        Assert.All(report.Indicators, l => Assert.NotNull(l.Indicator!.QualityScore));
        Assert.True(await db.QualityAssessments.AnyAsync(a => a.ItemKind == QualityItemKind.Report && a.ItemId == saved.ReportId));
    }

    [Fact]
    public async Task The_nightly_recheck_runs_end_to_end_and_reports_on_its_job_run()
    {
        var reportId = await PublishedAsync();
        var launcher = _portal.Services.GetRequiredService<QualityCheckLauncher>();

        var run = await WaitForAsync(await launcher.EnqueueRecheckAsync("curator", CancellationToken.None));

        Assert.Equal((JobRunStatus.Succeeded, 100), (run.Status, run.Progress));
        Assert.StartsWith("Re-checked 1 published indicator(s) and 1 report(s)", run.Message, StringComparison.Ordinal);
        await using var db = await Db.CreateDbContextAsync();
        Assert.NotNull(await db.Reports.Where(r => r.Id == reportId).Select(r => r.QualityScore).SingleAsync());
    }

    [Fact]
    public async Task The_nightly_trigger_is_stored_durably_with_the_configured_schedule()
    {
        var trigger = await _scheduler.GetTrigger(QualityRecheckSchedule.Key);

        var cron = Assert.IsAssignableFrom<ICronTrigger>(trigger);
        Assert.Equal("0 15 4 * * ?", cron.CronExpressionString);
        Assert.Equal(PortalJobs.QualityRecheck.Key, cron.JobKey);
        Assert.True((await _scheduler.GetJobDetail(PortalJobs.QualityRecheck.Key))!.Durable);
    }

    [Fact]
    public async Task A_check_queued_for_a_deleted_report_ends_cleanly_with_a_clear_status()
    {
        var missing = Guid.NewGuid();

        var run = await WaitForAsync(await _portal.Services.GetRequiredService<QualityCheckLauncher>().EnqueueAsync(missing, 1, "test", CancellationToken.None));

        Assert.Equal((JobRunStatus.Succeeded, $"Nothing checked: report {missing} was deleted before its quality check ran."), (run.Status, run.Message));
    }

    [Fact]
    public async Task A_failed_check_of_a_deleted_report_is_not_retried()
    {
        var failed = new JobRun { JobName = QualityCheckJob.Name, ParametersJson = """{"ReportId":"6a4f8a52-3c1e-4a55-9a26-6c0c8f1d2b11","Version":1}""" };
        var handler = _portal.Services.GetServices<IJobRetryHandler>().Single(h => h.JobName == QualityCheckJob.Name);

        var refusal = await Assert.ThrowsAsync<JobLaunchException>(() => handler.RetryAsync(failed, "curator", CancellationToken.None));

        Assert.Contains("has been deleted", refusal.Message, StringComparison.Ordinal);
    }

    private async Task<Guid> PublishedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        db.Users.Add(new PortalUser { Id = "quality-job-author", UserName = "qj@example.org", Email = "qj@example.org" });
        var report = new ThreatReport { Title = "Published", Summary = "s", BodyMarkdown = "b", Status = ContentStatus.Published, AuthorId = "quality-job-author" };
        var indicator = new Indicator
        {
            Type = IndicatorType.PickleImport, Value = "posix.system", NormalizedValue = "posix.system",
            ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.PickleImport, "posix.system"),
            Status = ContentStatus.Published, CreatedById = "quality-job-author",
        };
        db.Reports.Add(report);
        db.Indicators.Add(indicator);
        db.ReportIndicators.Add(new ReportIndicator { ReportId = report.Id, IndicatorId = indicator.Id });
        await db.SaveChangesAsync();
        return report.Id;
    }

    private async Task<Guid> RunIdAsync(string jobName)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using (var db = await Db.CreateDbContextAsync())
            {
                var id = await db.JobRuns.Where(r => r.JobName == jobName).Select(r => (Guid?)r.Id).SingleOrDefaultAsync();
                if (id is { } found)
                {
                    return found;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {jobName} run was queued within 20 seconds.");
            await Task.Delay(100);
        }
    }

    private async Task<JobRun> WaitForAsync(Guid runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var db = await Db.CreateDbContextAsync())
            {
                var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
                if (run.Status is JobRunStatus.Succeeded or JobRunStatus.Failed)
                {
                    return run;
                }

                Assert.True(DateTime.UtcNow < deadline, $"Job run {runId} is still {run.Status} after 30 seconds.");
            }

            await Task.Delay(100);
        }
    }
}

public sealed class SqliteQualityJobTests : QualityJobTests
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>();
}

public sealed class PostgresQualityJobTests(PostgresDatabases databases) : QualityJobTests, IClassFixture<PostgresDatabases>
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = databases.Unborn().ConnectionString,
    };
}
