using System.Net;
using System.Text.RegularExpressions;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests.Jobs;

/// <summary>
/// The job monitor as the real host composes it: every declared job can be retried, and the page's type filter and
/// history pages are plain addresses that work before any circuit connects. Once per database provider.
/// </summary>
public abstract partial class JobMonitorScenarios(PortalFactory factory)
{
    private const string Password = "Correct-Horse-42";

    [Fact]
    public void Every_declared_job_has_exactly_one_retry_handler()
    {
        var handled = factory.Services.GetServices<IJobRetryHandler>().Select(h => h.JobName).Order(StringComparer.Ordinal);

        Assert.Equal(PortalJobs.All.Select(j => j.Name).Order(StringComparer.Ordinal), handled);
    }

    [Fact]
    public async Task A_curator_filters_runs_by_job_type_and_pages_through_their_history()
    {
        for (var i = 0; i < 27; i++)
        {
            await RunAsync(PortalJobs.Export.Name, i % 3 == 0 ? JobRunStatus.Failed : JobRunStatus.Succeeded, i);
        }

        await RunAsync(PortalJobs.AtlasImport.Name, JobRunStatus.Failed, 0);
        int exports, failedExports;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            exports = await db.JobRuns.CountAsync(r => r.JobName == PortalJobs.Export.Name);
            failedExports = await db.JobRuns.CountAsync(r => r.JobName == PortalJobs.Export.Name && r.Status == JobRunStatus.Failed);
        }

        var curator = await factory.CreateUserAsync(Password, PortalRoles.Curator);
        var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(curator.Email!, Password)).StatusCode);

        var first = await PageAsync(client, $"/admin/jobs?type={PortalJobs.Export.Name}");
        var second = await PageAsync(client, $"/admin/jobs?type={PortalJobs.Export.Name}&page=2");
        var failed = await PageAsync(client, $"/admin/jobs?type={PortalJobs.Export.Name}&status=Failed");

        Assert.Equal(Enumerable.Repeat(PortalJobs.Export.Name, 25), RowJobs(first));
        Assert.Contains($"Page 1 of {(exports + 24) / 25} · {exports} run(s)", first, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Repeat(PortalJobs.Export.Name, exports - 25), RowJobs(second));
        Assert.Equal(Enumerable.Repeat(PortalJobs.Export.Name, failedExports), RowJobs(failed));
        Assert.Equal(failedExports, RetryButtons().Count(failed));
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<string> RowJobs(string html) =>
        RunRows().Matches(html).Select(m => m.Groups["job"].Value).ToList();

    private async Task RunAsync(string jobName, JobRunStatus status, int minutesAgo)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.JobRuns.Add(new JobRun
        {
            JobName = jobName, RequestedBy = "schedule", Status = status, Message = $"{jobName} {status}", ParametersJson = "{}",
            QueuedAt = DateTime.UtcNow.AddMinutes(-minutesAgo),
        });
        await db.SaveChangesAsync();
    }

    [GeneratedRegex("data-testid=\"job-run\"[^>]*data-job=\"(?<job>[^\"]+)\"")]
    private static partial Regex RunRows();

    [GeneratedRegex("data-testid=\"job-retry\"")]
    private static partial Regex RetryButtons();
}

public sealed class SqliteJobMonitorScenarios(SqlitePortalFactory factory)
    : JobMonitorScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresJobMonitorScenarios(PostgresPortalFactory factory)
    : JobMonitorScenarios(factory), IClassFixture<PostgresPortalFactory>;
