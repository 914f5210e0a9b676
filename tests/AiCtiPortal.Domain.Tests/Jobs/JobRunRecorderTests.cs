using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Jobs;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Jobs;

public sealed class JobRunRecorderTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    [Fact]
    public async Task Progress_written_after_a_run_finished_leaves_its_final_state_alone()
    {
        var settings = await TestContexts.MigrateAsync(await databases.CreateAsync());
        var contexts = TestContexts.Factory(settings);
        var recorder = new JobRunRecorder(contexts, TimeProvider.System);
        var run = new JobRun { JobName = "test", RequestedBy = "tester" };
        await using (var db = TestContexts.Create(settings))
        {
            db.JobRuns.Add(run);
            await db.SaveChangesAsync();
        }

        Assert.True(await recorder.StartAsync(run.Id, CancellationToken.None));
        await recorder.ProgressAsync(run.Id, 40, CancellationToken.None);
        Assert.Equal(40, (await ReadAsync(settings, run.Id)).Progress);
        await recorder.SucceedAsync(run.Id, "done", CancellationToken.None);

        // What JobRunProgress's background writer does when the job's last report lands after the outcome.
        await recorder.ProgressAsync(run.Id, 99, CancellationToken.None);

        var finished = await ReadAsync(settings, run.Id);
        Assert.Equal((JobRunStatus.Succeeded, 100), (finished.Status, finished.Progress));
    }

    private static async Task<JobRun> ReadAsync(PortalDatabaseSettings settings, Guid id)
    {
        await using var db = TestContexts.Create(settings);
        return await db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == id);
    }
}
