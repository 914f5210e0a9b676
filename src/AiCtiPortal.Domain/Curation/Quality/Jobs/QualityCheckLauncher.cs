using System.Globalization;
using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// Queues quality checks as JobRun rows plus one-shot Quartz triggers in the portal's database, so a check queued
/// just before a restart still runs. Also the retry handler of both quality jobs (see <see cref="RecheckRetry"/>).
/// </summary>
public sealed class QualityCheckLauncher(
    ISchedulerFactory schedulers,
    IDbContextFactory<PortalDbContext> db,
    JobRunRecorder runs,
    TimeProvider time,
    ILogger<QualityCheckLauncher> logger) : IJobRetryHandler
{
    public string JobName => QualityCheckJob.Name;

    public Task<Guid> EnqueueAsync(Guid reportId, int version, string requestedBy, CancellationToken ct) =>
        EnqueueAsync(new QualityCheckParameters(reportId, version), requestedBy, attempt: 1, ct);

    /// <summary>The same version again, unless the report is gone or has moved on (its new version got its own check).</summary>
    public async Task<Guid> RetryAsync(JobRun failed, string requestedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var parameters = JobRunParameters.Read<QualityCheckParameters>(failed);
        await using (var context = await db.CreateDbContextAsync(ct))
        {
            var current = await context.Reports.AsNoTracking().Where(r => r.Id == parameters.ReportId)
                .Select(r => (int?)r.Version).SingleOrDefaultAsync(ct)
                ?? throw new JobLaunchException($"Report {parameters.ReportId} has been deleted since this check ran; there is nothing to check.");
            if (current != parameters.Version)
            {
                throw new JobLaunchException(
                    $"Report {parameters.ReportId} is now at version {current}; the newer version was checked when it was submitted.");
            }
        }

        return await EnqueueAsync(parameters, requestedBy, failed.Attempt + 1, ct);
    }

    private async Task<Guid> EnqueueAsync(QualityCheckParameters parameters, string requestedBy, int attempt, CancellationToken ct)
    {
        var (reportId, version) = (parameters.ReportId, parameters.Version);
        var run = new JobRun
        {
            JobName = QualityCheckJob.Name,
            RequestedBy = requestedBy,
            ParametersJson = JsonSerializer.Serialize(parameters),
            QueuedAt = time.GetUtcNow().UtcDateTime,
            Attempt = attempt,
        };
        await using (var context = await db.CreateDbContextAsync(ct))
        {
            context.JobRuns.Add(run);
            await context.SaveChangesAsync(ct);
        }

        try
        {
            var trigger = TriggerBuilder.Create()
                .WithIdentity($"run-{run.Id:N}", PortalJobs.Group)
                .ForJob(PortalJobs.QualityCheck.Key)
                .UsingJobData(PortalJobs.JobRunIdKey, run.Id.ToString())
                .UsingJobData(QualityCheckJob.ReportIdKey, reportId.ToString())
                .UsingJobData(QualityCheckJob.VersionKey, version.ToString(CultureInfo.InvariantCulture))
                .StartNow()
                .Build();
            var scheduler = await schedulers.GetScheduler(ct);
            await scheduler.ScheduleJob(trigger, cancellationToken: ct);
        }
        catch (Exception ex) when (ex is SchedulerException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not schedule quality check {RunId}", run.Id);
            await runs.FailAsync(run.Id, "The check could not be scheduled; the background scheduler is unavailable.", ex.ToString(), CancellationToken.None);
            throw new JobLaunchException("The background scheduler is unavailable; the quality check was not started.", ex);
        }

        return run.Id;
    }

    /// <summary>Starts the nightly re-check now (curators, tests, a retry); returns its JobRun id.</summary>
    public async Task<Guid> EnqueueRecheckAsync(string requestedBy, CancellationToken ct, int attempt = 1)
    {
        var run = new JobRun
        {
            JobName = QualityRecheckJob.Name, RequestedBy = requestedBy, QueuedAt = time.GetUtcNow().UtcDateTime, Attempt = attempt,
        };
        await using (var context = await db.CreateDbContextAsync(ct))
        {
            context.JobRuns.Add(run);
            await context.SaveChangesAsync(ct);
        }

        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.ScheduleJob(TriggerBuilder.Create()
            .WithIdentity($"run-{run.Id:N}", PortalJobs.Group)
            .ForJob(PortalJobs.QualityRecheck.Key)
            .UsingJobData(PortalJobs.JobRunIdKey, run.Id.ToString())
            .StartNow()
            .Build(), cancellationToken: ct);
        return run.Id;
    }
}

/// <summary>What a quality check's JobRun records, so a failed check can be retried as it was.</summary>
public sealed record QualityCheckParameters(Guid ReportId, int Version);

/// <summary>Retries a failed nightly re-check: it has no inputs, so it simply runs again now.</summary>
public sealed class RecheckRetry(QualityCheckLauncher launcher) : IJobRetryHandler
{
    public string JobName => QualityRecheckJob.Name;

    public Task<Guid> RetryAsync(JobRun failed, string requestedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return launcher.EnqueueRecheckAsync(requestedBy, ct, failed.Attempt + 1);
    }
}
