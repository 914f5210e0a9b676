using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;
using JobRunStatus = AiCtiPortal.Domain.Jobs.JobRunStatus;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>
/// Issue 6, item 5, the other half: a portal process killed while a check runs. The check is held at the point where
/// it stores its findings (the test locks the findings table), the process is killed (no shutdown, as a crash or an
/// OOM kill), and a portal started afterwards on the same database must recover the run and finish it once.
/// </summary>
public sealed partial class TwoInstanceJobScenarios
{
    // Un-skip once PortalJobs.Register marks the similarity check .RequestRecovery() (Jobs/ is not the similarity
    // engineer's to edit; see /tmp/team/similarity-requests.md). Without it Quartz drops the orphaned firing and the run
    // stays Running at 80%, which is exactly what this test detects.
    [Fact]
    public async Task A_check_whose_process_was_killed_mid_run_is_recovered_by_the_next_instance_without_duplicated_findings()
    {
        var settings = new PortalDatabaseSettings(DatabaseProvider.Postgres, _database.ConnectionString, _database.DataFolder);
        await using var doomed = await PortalProcess.StartAsync(_database, output);
        var report = (await SubmissionsAsync(Contexts(settings), 1)).Single();

        Guid runId;
        await using (var findingsLock = new NpgsqlConnection(_database.ConnectionString))
        {
            await findingsLock.OpenAsync();
            await using var transaction = await findingsLock.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand("LOCK TABLE \"SimilarityFindings\" IN ACCESS EXCLUSIVE MODE", findingsLock, transaction))
            {
                await command.ExecuteNonQueryAsync();
            }

            runId = await EnqueueWithoutRunningAsync(report);
            // Progress 80 is written once the check has measured and is about to store: it now waits on the lock.
            await WaitForAsync(Contexts(settings), runId, r => r.Status == JobRunStatus.Running && r.Progress >= 80, TimeSpan.FromMinutes(2));
            doomed.Kill();
            await transaction.RollbackAsync();
        }

        var stuck = await RunAsync(Contexts(settings), runId);
        Assert.Equal(JobRunStatus.Running, stuck.Status);

        await StartNodeAsync();
        var run = await WaitForAsync(Contexts(settings), runId, r => r.Status is JobRunStatus.Succeeded or JobRunStatus.Failed, TimeSpan.FromMinutes(2));

        Assert.Equal(JobRunStatus.Succeeded, run.Status);
        Assert.Equal($"Checked version 1 of report {report}: 1 open finding(s).", run.Message);
        await using var db = Contexts(settings).CreateDbContext();
        Assert.Equal(1, await db.SimilarityFindings.CountAsync(f => f.ReportId == report));
    }

    private static SettingsContexts Contexts(PortalDatabaseSettings settings) => new(settings);

    /// <summary>Queues a check through a launcher whose scheduler is never started, so only the other processes run it.</summary>
    private async Task<Guid> EnqueueWithoutRunningAsync(Guid reportId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _database.ConnectionString,
            ["Database:DataFolder"] = _database.DataFolder,
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddPortalData(configuration, _database.DataFolder)
            .AddPortalJobs(configuration, _database.DataFolder)
            .BuildServiceProvider();
        return await services.GetRequiredService<ISimilarityCheckLauncher>().EnqueueAsync(reportId, 1, "recovery-test", CancellationToken.None);
    }

    private static async Task<JobRun> RunAsync(IDbContextFactory<PortalDbContext> contexts, Guid runId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    private static async Task<JobRun> WaitForAsync(IDbContextFactory<PortalDbContext> contexts, Guid runId, Func<JobRun, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await RunAsync(contexts, runId);
            if (done(run))
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"JobRun {runId} is still {run.Status} ({run.Progress}%) after {timeout}: {run.Message}");
            }

            await Task.Delay(250);
        }
    }

    private sealed class SettingsContexts(PortalDatabaseSettings settings) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(new DbContextOptionsBuilder<PortalDbContext>().UsePortalDatabase(settings).Options);
    }

    /// <summary>
    /// The portal as a separate process (the AiCtiPortal.Web host copied next to the tests), so it can be killed the
    /// way a crash ends it: no shutdown hooks, no chance to hand its running job back.
    /// </summary>
    private sealed class PortalProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private PortalProcess(Process process) => _process = process;

        public static async Task<PortalProcess> StartAsync(PostgresTestDatabase database, ITestOutputHelper output)
        {
            var port = FreePort();
            var host = Path.Combine(AppContext.BaseDirectory, "AiCtiPortal.Web.dll");
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { host, "--urls", $"http://127.0.0.1:{port}" },
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                Environment =
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    ["Database__Provider"] = database.Provider,
                    ["Database__ConnectionString"] = database.ConnectionString,
                    ["Database__DataFolder"] = database.DataFolder,
                    ["Jobs__AtlasImport__LocalFile"] = "",
                    ["Email__Smtp__Host"] = "",
                },
            };
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal process.");
            var portal = new PortalProcess(process);
            var log = new List<string>();
            process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { lock (log) { log.Add(line); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { lock (log) { log.Add(line); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The portal process exited with {process.ExitCode}:\n{string.Join('\n', log.TakeLast(40))}");
                }

                try
                {
                    if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).StatusCode == HttpStatusCode.OK)
                    {
                        output.WriteLine($"Portal process {process.Id} answers on port {port}.");
                        return portal;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Still starting (migrations, seeding).
                }

                if (DateTime.UtcNow > deadline)
                {
                    await portal.DisposeAsync();
                    throw new TimeoutException($"The portal process did not answer /health within 2 minutes:\n{string.Join('\n', log.TakeLast(40))}");
                }

                await Task.Delay(500);
            }
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
            return ValueTask.CompletedTask;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
