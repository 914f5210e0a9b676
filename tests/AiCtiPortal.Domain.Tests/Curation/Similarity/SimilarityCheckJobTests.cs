using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Jobs;
using AiCtiPortal.Domain.Tests.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Tests.Curation.Similarity;

/// <summary>The similarity job on the real scheduler: queued by the workflow on submission, recorded as a JobRun.</summary>
public sealed class SimilarityCheckJobTests : IAsyncLifetime
{
    private const string Sha = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    private JobsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await JobsTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Submitting_a_report_queues_a_check_whose_run_records_the_findings()
    {
        var bed = new WorkflowTestBed(_host.Database);
        var workflow = new ReportWorkflow(_host.Db, Options.Create(new ReviewOptions()), TimeProvider.System,
            _host.Services.GetRequiredService<IReportSubmittedHook>());
        var author = await bed.UserAsync(PortalRoles.Contributor);
        await PublishAsync(author);
        var draft = WorkflowTestBed.CompleteDraft();
        draft.Indicators = [new DraftIndicator { Type = IndicatorType.ModelFileSha256, Value = Sha }];
        var saved = await workflow.SaveDraftAsync(null, null, draft, author);

        await workflow.SubmitAsync(saved.ReportId, saved.ConcurrencyStamp, author);

        Guid runId;
        await using (var db = await _host.Db.CreateDbContextAsync())
        {
            runId = await db.JobRuns.Where(r => r.JobName == SimilarityCheckJob.Name).Select(r => r.Id).SingleAsync();
        }

        var run = await _host.WaitForAsync(runId);
        Assert.Equal(JobRunStatus.Succeeded, run.Status);
        Assert.Equal($"Checked version 1 of report {saved.ReportId}: 1 open finding(s).", run.Message);
        await using var check = await _host.Db.CreateDbContextAsync();
        var finding = await check.SimilarityFindings.SingleAsync(f => f.ReportId == saved.ReportId);
        Assert.Equal(SimilarityFindingKind.ExactDuplicateIndicator, finding.Kind);
    }

    [Fact]
    public async Task A_check_of_a_deleted_report_succeeds_with_a_message_saying_so()
    {
        var missing = Guid.NewGuid();

        var runId = await _host.Services.GetRequiredService<ISimilarityCheckLauncher>().EnqueueAsync(missing, 1, "test", CancellationToken.None);

        var run = await _host.WaitForAsync(runId);
        Assert.Equal(JobRunStatus.Succeeded, run.Status);
        Assert.Equal($"Nothing checked: report {missing} was deleted before its similarity check finished.", run.Message);
    }

    private async Task PublishAsync(string author)
    {
        await using var db = await _host.Db.CreateDbContextAsync();
        var report = new ThreatReport { Title = "Published", Summary = "s", BodyMarkdown = "b", Status = ContentStatus.Published, AuthorId = author };
        var indicator = new Indicator
        {
            Type = IndicatorType.ModelFileSha256, Value = Sha, NormalizedValue = Sha,
            ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.ModelFileSha256, Sha), Status = ContentStatus.Published, CreatedById = author,
        };
        db.Reports.Add(report);
        db.Indicators.Add(indicator);
        db.ReportIndicators.Add(new ReportIndicator { ReportId = report.Id, IndicatorId = indicator.Id });
        await db.SaveChangesAsync();
    }
}
