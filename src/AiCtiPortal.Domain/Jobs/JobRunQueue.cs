using System.Text.Json;
using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// The one way a run is queued: its <see cref="JobRun"/> row, then a one-shot trigger for the job's durable Quartz
/// job carrying the run's id and data. Both live in the portal's database, so a run queued just before a restart
/// still runs. When the scheduler cannot take the trigger, the run is recorded as failed (the job monitor shows it
/// and offers a retry) and the caller gets a <see cref="JobLaunchException"/> to show.
/// </summary>
public sealed class JobRunQueue(
    ISchedulerFactory schedulers,
    IDbContextFactory<PortalDbContext> db,
    JobRunRecorder runs,
    TimeProvider time,
    ILogger<JobRunQueue> logger)
{
    /// <summary>
    /// A queued run of <paramref name="job"/>, queued now, with <paramref name="parameters"/> recorded as JSON so a
    /// failed run can be retried as it was queued. Not yet saved: see <see cref="QueueAsync"/>.
    /// </summary>
    public JobRun NewRun(PortalJobDefinition job, string requestedBy, object? parameters, int attempt)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobRun
        {
            JobName = job.Name,
            RequestedBy = requestedBy,
            ParametersJson = parameters is null ? null : JsonSerializer.Serialize(parameters, parameters.GetType()),
            QueuedAt = time.GetUtcNow().UtcDateTime,
            Attempt = attempt,
        };
    }

    /// <summary>Records a new run of <paramref name="job"/> (<see cref="NewRun"/>) and schedules it; returns its id.</summary>
    /// <param name="data">What the job reads from its trigger besides the run's id.</param>
    /// <param name="what">What the run does, for messages: "quality check", "import".</param>
    public async Task<Guid> QueueAsync(
        PortalJobDefinition job, string requestedBy, object? parameters, int attempt, IReadOnlyDictionary<string, string> data, string what,
        CancellationToken ct)
    {
        var run = NewRun(job, requestedBy, parameters, attempt);
        await using (var context = await db.CreateDbContextAsync(ct))
        {
            context.JobRuns.Add(run);
            await context.SaveChangesAsync(ct);
        }

        await ScheduleAsync(run.Id, job.Key, data, what, ct);
        return run.Id;
    }

    /// <summary>Schedules a run the caller has already recorded (with rows of its own, in one transaction).</summary>
    public async Task ScheduleAsync(Guid runId, JobKey job, IReadOnlyDictionary<string, string> data, string what, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"run-{runId:N}", PortalJobs.Group)
            .ForJob(job)
            .UsingJobData(PortalJobs.JobRunIdKey, runId.ToString());
        foreach (var (key, value) in data)
        {
            trigger = trigger.UsingJobData(key, value);
        }

        try
        {
            var scheduler = await schedulers.GetScheduler(ct);
            await scheduler.ScheduleJob(trigger.StartNow().Build(), cancellationToken: ct);
        }
        catch (Exception ex) when (ex is SchedulerException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not schedule {What} run {RunId}", what, runId);
            await runs.FailAsync(
                runId, $"The {what} could not be scheduled; the background scheduler is unavailable. Retry in a moment.", ex.ToString(),
                CancellationToken.None);
            throw new JobLaunchException($"The background scheduler is unavailable; the {what} was not started.", ex);
        }
    }
}
