using System.Collections.Concurrent;
using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Xunit.Abstractions;
using JobRunStatus = AiCtiPortal.Domain.Jobs.JobRunStatus;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>
/// Issue 6, item 5: two portal instances on one PostgreSQL database (Quartz's clustered store; each clustered node
/// generates its own instance id) share the queued jobs and run each exactly once. Each instance counts, per JobRun, the executions its scheduler
/// started, through a Quartz job listener.
/// </summary>
public sealed partial class TwoInstanceJobScenarios(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Runs = 20;

    private readonly List<IAsyncDisposable> _started = [];
    private PostgresTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var started in Enumerable.Reverse(_started))
        {
            await started.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Two_instances_on_one_postgres_database_run_each_queued_check_exactly_once()
    {
        // One after the other: the first migrates and seeds, the second finds the schema current.
        var first = await StartNodeAsync();
        var second = await StartNodeAsync();
        var reports = await SubmissionsAsync(first.Contexts, Runs);
        var schedulers = new[] { await first.SchedulerAsync(), await second.SchedulerAsync() };
        Assert.True(schedulers.All(s => s.Clustered), "Both schedulers must use the clustered store on PostgreSQL.");
        Assert.NotEqual(schedulers[0].InstanceId, schedulers[1].InstanceId);

        // Queued through either instance's launcher, alternately: any node may pick up any trigger.
        var runIds = new List<Guid>();
        for (var i = 0; i < reports.Count; i++)
        {
            var node = i % 2 == 0 ? first : second;
            runIds.Add(await node.Services.GetRequiredService<ISimilarityCheckLauncher>().EnqueueAsync(reports[i], 1, "two-instance-test", CancellationToken.None));
        }

        var runs = await WaitForAllAsync(first.Contexts, runIds, TimeSpan.FromMinutes(3));

        Assert.All(runs, r => Assert.Equal(JobRunStatus.Succeeded, r.Status));
        foreach (var id in runIds)
        {
            var executions = first.Executions.GetValueOrDefault(id) + second.Executions.GetValueOrDefault(id);
            Assert.True(executions == 1, $"JobRun {id} was executed {executions} times across the two instances.");
        }

        await using var db = await first.Contexts.CreateDbContextAsync();
        var findings = await db.SimilarityFindings.Where(f => reports.Contains(f.ReportId)).GroupBy(f => f.ReportId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(Runs, findings.Count);
        Assert.All(findings, count => Assert.Equal(1, count));
        output.WriteLine($"{schedulers[0].InstanceId} ran {first.Executions.Count} check(s), {schedulers[1].InstanceId} ran {second.Executions.Count}.");
    }

    private async Task<Node> StartNodeAsync()
    {
        var node = await Node.StartAsync(_database);
        _started.Add(node);
        return node;
    }

    /// <summary>A published indicator and <paramref name="count"/> submissions repeating it: one finding per check.</summary>
    private static async Task<List<Guid>> SubmissionsAsync(IDbContextFactory<PortalDbContext> contexts, int count)
    {
        const string Sha = "5994471abb01112afcc18159f6cc74b4f511b99806da59b3caf5a9c173cacfc5";
        await using var db = await contexts.CreateDbContextAsync();
        var author = await db.Users.Select(u => u.Id).FirstAsync();
        var published = new ThreatReport { Title = "Known checkpoint", Summary = "s", BodyMarkdown = "b", Status = ContentStatus.Published, AuthorId = author };
        var known = Indicator(Sha, ContentStatus.Published, author);
        db.Reports.Add(published);
        db.Indicators.Add(known);
        db.ReportIndicators.Add(new ReportIndicator { ReportId = published.Id, IndicatorId = known.Id });
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var report = new ThreatReport
            {
                Title = $"Two-instance submission {i}", Summary = "s", BodyMarkdown = $"Submission number {i}.", Status = ContentStatus.InReview, AuthorId = author,
            };
            var indicator = Indicator(Sha, ContentStatus.InReview, author);
            db.Reports.Add(report);
            db.Indicators.Add(indicator);
            db.ReportIndicators.Add(new ReportIndicator { ReportId = report.Id, IndicatorId = indicator.Id });
            ids.Add(report.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    private static Indicator Indicator(string sha, ContentStatus status, string author) => new()
    {
        Type = IndicatorType.ModelFileSha256, Value = sha, NormalizedValue = sha,
        ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.ModelFileSha256, sha), Status = status, CreatedById = author,
    };

    private static async Task<List<JobRun>> WaitForAllAsync(IDbContextFactory<PortalDbContext> contexts, List<Guid> ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var runs = await db.JobRuns.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync();
            if (runs.Count == ids.Count && runs.All(r => r.Status is JobRunStatus.Succeeded or JobRunStatus.Failed))
            {
                return runs;
            }

            if (DateTime.UtcNow > deadline)
            {
                var pending = runs.Where(r => r.Status is not (JobRunStatus.Succeeded or JobRunStatus.Failed)).Select(r => $"{r.Id} {r.Status}");
                throw new TimeoutException($"Runs still unfinished after {timeout}: {string.Join(", ", pending)}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>One portal instance: the real host with its own Quartz instance id and an execution counter.</summary>
    private sealed class Node : PortalFactory
    {
        private readonly ITestDatabase _shared;

        private Node(ITestDatabase shared) => _shared = shared;

        /// <summary>Executions this instance's scheduler started, per JobRun id.</summary>
        public ConcurrentDictionary<Guid, int> Executions { get; } = new();

        public IDbContextFactory<PortalDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        public static async Task<Node> StartAsync(ITestDatabase shared)
        {
            var node = new Node(shared);
            await node.InitializeAsync();
            var scheduler = await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            scheduler.ListenerManager.AddJobListener(new CountingListener(node.Executions), []);
            return node;
        }

        public async Task<(string InstanceId, bool Clustered)> SchedulerAsync()
        {
            var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var metadata = await scheduler.GetMetadata();
            return (metadata.SchedulerInstanceId, metadata.JobStoreClustered);
        }

        public new async ValueTask DisposeAsync() => await base.DisposeAsync();

        // The database belongs to the test class, which drops it once both instances have stopped.
        protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new Borrowed(_shared));

    }

    private sealed class Borrowed(ITestDatabase database) : ITestDatabase
    {
        public string Provider => database.Provider;

        public string ConnectionString => database.ConnectionString;

        public string DataFolder => database.DataFolder;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class CountingListener(ConcurrentDictionary<Guid, int> executions) : IJobListener
    {
        public string Name => "two-instance-counter";

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            if (Guid.TryParse(context.MergedJobDataMap.GetString(PortalJobs.JobRunIdKey), out var runId))
            {
                executions.AddOrUpdate(runId, 1, (_, n) => n + 1);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;
    }
}
