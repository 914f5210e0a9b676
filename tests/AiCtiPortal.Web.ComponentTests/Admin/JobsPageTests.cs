using System.Security.Claims;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Web.Components.Pages.Admin;
using AiCtiPortal.Web.ComponentTests.Shared;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.ComponentTests.Admin;

/// <summary>
/// The job monitor on a SQLite file: a failed run of every job type offers a retry that goes to the launcher (which
/// decides, per job, whether it can run again), and the type and state filters and history pages narrow the list.
/// </summary>
public sealed class JobsPageTests : SqliteBunitContext
{
    private const string CuratorId = "curator-1";
    private readonly RecordingLauncher _launcher = new();

    public JobsPageTests()
        : base("jobs-page")
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = AddAuthorization();
        auth.SetAuthorized("curator@tests.aicti.local");
        auth.SetRoles(Domain.Identity.PortalRoles.Curator);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, CuratorId));
        Services.AddSingleton<IJobLauncher>(_launcher);
        using var db = CreateDatabase();

        // A live circuit, as curators use the page (set last: it freezes the service container).
        SetRendererInfo(new RendererInfo("Server", true));
    }

    [Fact]
    public async Task A_failed_run_of_every_job_type_can_be_retried_and_a_refusal_is_explained()
    {
        var failed = new Dictionary<string, Guid>();
        foreach (var job in PortalJobs.All)
        {
            failed[job.Name] = await RunAsync(job.Name, JobRunStatus.Failed);
        }

        await RunAsync(PortalJobs.Export.Name, JobRunStatus.Succeeded);
        var retriedAlready = await RunAsync(PortalJobs.AtlasImport.Name, JobRunStatus.Failed);
        await RetriedAsync(retriedAlready);
        _launcher.Refuse(failed[PortalJobs.Export.Name], "The set \"Model hub watch\" has been archived since this export ran.");

        var page = Render<Jobs>();

        var buttons = page.FindAll("[data-testid=job-retry]");
        Assert.Equal(PortalJobs.All.Count, buttons.Count);
        Assert.Equal("Retried", page.Find($"tr[data-run-id='{retriedAlready}'] [data-testid=job-retried]").TextContent);
        foreach (var job in PortalJobs.All.Where(j => j != PortalJobs.Export))
        {
            page.Find($"tr[data-run-id='{failed[job.Name]}'] [data-testid=job-retry]").Click();
            page.WaitForAssertion(() => Assert.StartsWith("Retry queued as run ", page.Find("[data-testid=job-retry-message]").TextContent, StringComparison.Ordinal));
        }

        page.Find($"tr[data-run-id='{failed[PortalJobs.Export.Name]}'] [data-testid=job-retry]").Click();

        page.WaitForAssertion(() => Assert.Equal(
            "Cannot retry: The set \"Model hub watch\" has been archived since this export ran.",
            page.Find("[data-testid=job-retry-message]").TextContent));
        var asked = PortalJobs.All.Where(j => j != PortalJobs.Export).Append(PortalJobs.Export);
        Assert.Equal(asked.Select(j => (failed[j.Name], CuratorId)), _launcher.Retries);
    }

    [Fact]
    public async Task The_type_and_state_filters_and_history_pages_narrow_the_list()
    {
        for (var i = 0; i < Jobs.PageSize + 5; i++)
        {
            await RunAsync(PortalJobs.Export.Name, i % 5 == 0 ? JobRunStatus.Failed : JobRunStatus.Succeeded, minutesAgo: i);
        }

        await RunAsync(PortalJobs.AtlasImport.Name, JobRunStatus.Failed);
        await RunAsync(PortalJobs.SimilarityCheck.Name, JobRunStatus.Running);
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo($"/admin/jobs?type={PortalJobs.Export.Name}");
        var exports = Render<Jobs>();
        Assert.Equal(Jobs.PageSize, Rows(exports).Count);
        Assert.All(Rows(exports), job => Assert.Equal(PortalJobs.Export.Name, job));
        Assert.Equal($"Page 1 of 2 · {Jobs.PageSize + 5} run(s)", exports.Find("[data-testid=job-page]").TextContent);
        Assert.Equal("page", exports.Find($"[data-testid=job-type-filter] a[data-job='{PortalJobs.Export.Name}']").GetAttribute("aria-current"));

        navigation.NavigateTo($"/admin/jobs?type={PortalJobs.Export.Name}&page=2");
        var older = Render<Jobs>();
        Assert.Equal(5, Rows(older).Count);

        navigation.NavigateTo($"/admin/jobs?type={PortalJobs.Export.Name}&status=Failed");
        var failedExports = Render<Jobs>();
        Assert.Equal(6, Rows(failedExports).Count);
        Assert.Equal(6, failedExports.FindAll("[data-testid=job-retry]").Count);

        navigation.NavigateTo("/admin/jobs?status=Running");
        var running = Render<Jobs>();
        Assert.Equal([PortalJobs.SimilarityCheck.Name], Rows(running));
    }

    private static List<string?> Rows(IRenderedComponent<Jobs> page) =>
        page.FindAll("[data-testid=job-run]").Select(r => r.GetAttribute("data-job")).ToList();

    private async Task<Guid> RunAsync(string jobName, JobRunStatus status, int minutesAgo = 0)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var run = new JobRun
        {
            JobName = jobName, RequestedBy = CuratorId, Status = status, Progress = status == JobRunStatus.Succeeded ? 100 : 40,
            Message = $"{jobName} {status}", ParametersJson = "{}", QueuedAt = DateTime.UtcNow.AddMinutes(-minutesAgo),
        };
        db.JobRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    /// <summary>The audit entry the launcher writes when it retries <paramref name="runId"/>.</summary>
    private async Task RetriedAsync(Guid runId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        db.AuditEntries.Add(new AuditEntry
        {
            EntityType = JobRetryAudit.Entity, EntityId = Guid.NewGuid().ToString(), Action = JobRetryAudit.Action, ActorId = CuratorId,
            AfterJson = $$"""{"retryOf":"{{runId}}","jobName":"atlas-import","attempt":2}""",
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Records retries; refuses the runs it is told to, as a launcher refuses a run whose inputs vanished.</summary>
    private sealed class RecordingLauncher : IJobLauncher
    {
        private readonly Dictionary<Guid, string> _refusals = [];

        public List<(Guid RunId, string RequestedBy)> Retries { get; } = [];

        public void Refuse(Guid runId, string reason) => _refusals[runId] = reason;

        public Task<Guid> EnqueueAtlasImportAsync(AtlasImportRequest request, string requestedBy, CancellationToken ct) =>
            Task.FromResult(Guid.NewGuid());

        public Task<Guid> RetryAsync(Guid jobRunId, string requestedBy, CancellationToken ct)
        {
            Retries.Add((jobRunId, requestedBy));
            return _refusals.TryGetValue(jobRunId, out var reason)
                ? Task.FromException<Guid>(new JobLaunchException(reason))
                : Task.FromResult(Guid.NewGuid());
        }
    }
}
