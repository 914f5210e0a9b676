using System.Net;
using System.Text;
using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Tests.Atlas;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Domain.Tests.Exports.Sets;
using AiCtiPortal.Domain.Tests.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Domain.Tests.Jobs;

/// <summary>
/// A failed run of every job type is retried through the one launcher, on the real scheduler: it runs again with the
/// parameters it was queued with as attempt + 1, and a run whose inputs are gone is refused with the reason.
/// Failed runs are recorded as the launchers record them (their ParametersJson as written before this change), so the
/// retries also prove that runs already in a database stay retryable.
/// </summary>
public abstract class JobRetryTests : IAsyncLifetime
{
    private JobsTestHost _host = null!;

    /// <summary>Null for SQLite; the PostgreSQL class names its own database.</summary>
    protected virtual IDictionary<string, string?>? HostSettings => null;

    public async Task InitializeAsync() => _host = await JobsTestHost.StartAsync(HostSettings);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Atlas_similarity_and_export_jobs_each_have_one_retry_handler()
    {
        var handlers = _host.Services.GetServices<IJobRetryHandler>().Select(h => h.JobName).Order(StringComparer.Ordinal);

        Assert.Equal(new[] { AtlasImportJob.Name, ExportJob.Name, SimilarityCheckJob.Name }.Order(StringComparer.Ordinal), handlers);
    }

    [Fact]
    public async Task Failed_atlas_download_is_retried_as_attempt_two_and_audited()
    {
        _host.Http.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK, Encoding.UTF8.GetBytes(AtlasYaml.Minimal));
        var failed = await _host.WaitForAsync(await _host.Launcher.EnqueueAtlasImportAsync(
            new AtlasImportRequest(null, "https://atlas.example.test/ATLAS.yaml"), "curator-1", CancellationToken.None));
        Assert.Equal(JobRunStatus.Failed, failed.Status);

        var retry = await _host.WaitForAsync(await _host.Launcher.RetryAsync(failed.Id, "curator-2", CancellationToken.None));

        Assert.Equal((JobRunStatus.Succeeded, 2, "curator-2", AtlasImportJob.Name), (retry.Status, retry.Attempt, retry.RequestedBy, retry.JobName));
        Assert.Equal(failed.ParametersJson, retry.ParametersJson);
        await using var db = await _host.Db.CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == JobRetryAudit.Action);
        Assert.Equal((JobRetryAudit.Entity, retry.Id.ToString(), "curator-2"), (audit.EntityType, audit.EntityId, audit.ActorId));
        Assert.Equal(retry.Id, (await JobRetryAudit.RetriesOfAsync(db, [failed], CancellationToken.None))[failed.Id]);
    }

    [Fact]
    public async Task A_failed_run_is_retried_once_and_a_second_retry_points_at_the_first()
    {
        _host.Http.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.ServiceUnavailable);
        var failed = await _host.WaitForAsync(await _host.Launcher.EnqueueAtlasImportAsync(
            new AtlasImportRequest(null, "https://atlas.example.test/ATLAS.yaml"), "curator-1", CancellationToken.None));
        var retry = await _host.WaitForAsync(await _host.Launcher.RetryAsync(failed.Id, "curator-1", CancellationToken.None));

        var twice = await Assert.ThrowsAsync<JobLaunchException>(() => _host.Launcher.RetryAsync(failed.Id, "curator-2", CancellationToken.None));

        Assert.Equal((JobRunStatus.Failed, 2), (retry.Status, retry.Attempt));
        Assert.Equal($"This run was already retried as run {retry.Id:N}; if that one failed too, retry it instead.", twice.Message);
        Assert.Equal(2, await RunCountAsync(AtlasImportJob.Name));
    }

    [Fact]
    public async Task Failed_similarity_check_is_run_again_for_the_same_report_version()
    {
        var bed = new WorkflowTestBed(_host.Database);
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var submitted = await bed.SubmittedAsync(author);
        var failed = await FailedRunAsync(SimilarityCheckJob.Name, $$"""{"ReportId":"{{submitted.ReportId}}","Version":1}""", attempt: 2);

        var retry = await _host.WaitForAsync(await _host.Launcher.RetryAsync(failed, "curator-1", CancellationToken.None));

        Assert.Equal((JobRunStatus.Succeeded, 3, SimilarityCheckJob.Name), (retry.Status, retry.Attempt, retry.JobName));
        Assert.Contains(submitted.ReportId.ToString(), retry.Message, StringComparison.Ordinal);
        Assert.Equal(new ReportCheckParameters(submitted.ReportId, 1), System.Text.Json.JsonSerializer.Deserialize<ReportCheckParameters>(retry.ParametersJson!));
    }

    [Fact]
    public async Task Similarity_check_of_a_deleted_report_or_a_superseded_version_is_refused_with_the_reason()
    {
        var bed = new WorkflowTestBed(_host.Database);
        var submitted = await bed.SubmittedAsync(await bed.UserAsync(PortalRoles.Contributor));
        var superseded = await FailedRunAsync(SimilarityCheckJob.Name, $$"""{"ReportId":"{{submitted.ReportId}}","Version":0}""");
        var missing = Guid.NewGuid();
        var deleted = await FailedRunAsync(SimilarityCheckJob.Name, $$"""{"ReportId":"{{missing}}","Version":1}""");

        var moved = await Assert.ThrowsAsync<JobLaunchException>(() => _host.Launcher.RetryAsync(superseded, "curator-1", CancellationToken.None));
        var gone = await Assert.ThrowsAsync<JobLaunchException>(() => _host.Launcher.RetryAsync(deleted, "curator-1", CancellationToken.None));

        Assert.Contains("is now at version 1", moved.Message, StringComparison.Ordinal);
        Assert.Equal($"Report {missing} has been deleted since this check ran; there is nothing to check.", gone.Message);
        Assert.Equal(2, await RunCountAsync(SimilarityCheckJob.Name));
    }

    [Fact]
    public async Task Failed_export_is_built_again_as_a_new_export_run_of_the_same_set_format_and_kind()
    {
        var bed = new CuratedSetTestBed(_host.Database);
        await bed.LooseIndicatorAsync(CuratedSetTestBed.Indicator());
        var (curator, _, set) = await bed.SavedSetAsync();
        var (failedExport, failed) = await FailedExportAsync(set.Id, curator);

        var retryId = await _host.Launcher.RetryAsync(failed, curator, CancellationToken.None);
        var retry = await _host.WaitForAsync(retryId);

        Assert.Equal((JobRunStatus.Succeeded, 2, ExportJob.Name), (retry.Status, retry.Attempt, retry.JobName));
        await using var db = await _host.Db.CreateDbContextAsync();
        var rebuilt = await db.ExportRuns.SingleAsync(r => r.JobRunId == retryId);
        Assert.NotEqual(failedExport, rebuilt.Id);
        Assert.Equal((set.Id, ExportFormat.Csv, ExportKind.Full, ExportRunStatus.Succeeded, 1L),
            (rebuilt.CuratedSetId, rebuilt.Format, rebuilt.Kind, rebuilt.Status, rebuilt.IndicatorCount));
        Assert.Equal(ExportRunStatus.Failed, (await db.ExportRuns.SingleAsync(r => r.Id == failedExport)).Status);
        var parameters = System.Text.Json.JsonSerializer.Deserialize<ExportJobParameters>(retry.ParametersJson!)!;
        Assert.Equal(new ExportJobParameters(rebuilt.Id, set.Id, ExportFormat.Csv, ExportKind.Full), parameters);
    }

    [Fact]
    public async Task Export_of_an_archived_or_deleted_set_is_refused_with_the_reason_and_nothing_is_queued()
    {
        var bed = new CuratedSetTestBed(_host.Database);
        var (curator, _, set) = await bed.SavedSetAsync();
        var (_, failed) = await FailedExportAsync(set.Id, curator);
        var (_, orphan) = await FailedExportAsync(Guid.NewGuid(), curator, insertExportRun: false);
        await using (var db = await _host.Db.CreateDbContextAsync())
        {
            await db.CuratedSets.Where(s => s.Id == set.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsArchived, true));
        }

        var archived = await Assert.ThrowsAsync<JobLaunchException>(() => _host.Launcher.RetryAsync(failed, curator, CancellationToken.None));
        var deleted = await Assert.ThrowsAsync<JobLaunchException>(() => _host.Launcher.RetryAsync(orphan, curator, CancellationToken.None));

        Assert.Contains("has been archived since this export ran; restore it", archived.Message, StringComparison.Ordinal);
        Assert.Equal("The curated set this export was built from has been deleted; there is nothing to export again.", deleted.Message);
        Assert.Equal(2, await RunCountAsync(ExportJob.Name));
    }

    [Fact]
    public async Task Runs_of_an_unknown_job_or_with_unreadable_parameters_are_refused()
    {
        var unknown = await FailedRunAsync("retired-job", "{}");
        var garbled = await FailedRunAsync(SimilarityCheckJob.Name, "{not json");

        var noHandler = await Assert.ThrowsAsync<JobLaunchException>(() => _host.Launcher.RetryAsync(unknown, "curator-1", CancellationToken.None));
        var unreadable = await Assert.ThrowsAsync<JobLaunchException>(() => _host.Launcher.RetryAsync(garbled, "curator-1", CancellationToken.None));

        Assert.Equal("Runs of job 'retired-job' cannot be retried.", noHandler.Message);
        Assert.Contains("parameters cannot be read", unreadable.Message, StringComparison.Ordinal);
    }

    /// <summary>A failed run as a launcher records it, then fails it.</summary>
    private async Task<Guid> FailedRunAsync(string jobName, string parametersJson, int attempt = 1)
    {
        await using var db = await _host.Db.CreateDbContextAsync();
        var run = new JobRun
        {
            JobName = jobName, RequestedBy = "curator-0", Status = JobRunStatus.Failed, Message = "It failed.", Error = "boom",
            ParametersJson = parametersJson, Attempt = attempt, StartedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow,
        };
        db.JobRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    /// <summary>A failed CSV export: its ExportRun and its JobRun, with the parameters ExportLauncher has always written.</summary>
    private async Task<(Guid ExportRun, Guid JobRun)> FailedExportAsync(Guid setId, string curator, bool insertExportRun = true)
    {
        var export = new ExportRun
        {
            CuratedSetId = setId, Format = ExportFormat.Csv, Kind = ExportKind.Full, Status = ExportRunStatus.Failed, RequestedBy = curator,
            Message = "The export failed.",
        };
        var jobRun = await FailedRunAsync(ExportJob.Name, $$"""{"ExportRunId":"{{export.Id}}","SetId":"{{setId}}","Format":"Csv","Kind":"Full"}""");
        if (insertExportRun)
        {
            export.JobRunId = jobRun;
            await using var db = await _host.Db.CreateDbContextAsync();
            db.ExportRuns.Add(export);
            await db.SaveChangesAsync();
        }

        return (export.Id, jobRun);
    }

    private async Task<int> RunCountAsync(string jobName)
    {
        await using var db = await _host.Db.CreateDbContextAsync();
        return await db.JobRuns.CountAsync(r => r.JobName == jobName);
    }
}

public sealed class SqliteJobRetryTests : JobRetryTests;

public sealed class PostgresJobRetryTests(PostgresDatabases databases) : JobRetryTests, IClassFixture<PostgresDatabases>
{
    protected override IDictionary<string, string?> HostSettings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = databases.Unborn().ConnectionString,
    };
}
