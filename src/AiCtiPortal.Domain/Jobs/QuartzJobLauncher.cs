using System.Text.Json;
using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// Records each requested run as a queued <see cref="JobRun"/>, then gives the durable Quartz job a one-shot trigger
/// carrying the run's id and parameters. Both live in the portal's database, so a queued run survives a restart.
/// </summary>
internal sealed class QuartzJobLauncher(
    ISchedulerFactory schedulers,
    IDbContextFactory<PortalDbContext> db,
    PortalDatabaseSettings database,
    TimeProvider time,
    ILogger<QuartzJobLauncher> logger) : IJobLauncher
{
    public async Task<Guid> EnqueueAtlasImportAsync(AtlasImportRequest request, string requestedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        return await EnqueueAsync(request, requestedBy, attempt: 1, ct);
    }

    public async Task<Guid> RetryAsync(Guid jobRunId, string requestedBy, CancellationToken ct)
    {
        await using var context = await db.CreateDbContextAsync(ct);
        var run = await context.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == jobRunId, ct)
            ?? throw new JobLaunchException("That job run does not exist.");
        if (run.Status != JobRunStatus.Failed)
        {
            throw new JobLaunchException($"Only a failed run can be retried; this one is {run.Status}.");
        }

        if (run.JobName != AtlasImportJob.Name)
        {
            throw new JobLaunchException($"Runs of job '{run.JobName}' cannot be retried.");
        }

        var request = (run.ParametersJson is { } json ? JsonSerializer.Deserialize<AtlasImportRequest>(json) : null)
            ?? throw new JobLaunchException("The run has no recorded parameters to retry with.");
        if (request.FilePath is { Length: > 0 } && !File.Exists(JobUploads.Resolve(database, request.FilePath)))
        {
            throw new JobLaunchException("The file that run imported is no longer on the server; upload it again instead.");
        }

        return await EnqueueAsync(request, requestedBy, run.Attempt + 1, ct);
    }

    private async Task<Guid> EnqueueAsync(AtlasImportRequest request, string requestedBy, int attempt, CancellationToken ct)
    {
        var run = new JobRun
        {
            JobName = AtlasImportJob.Name,
            RequestedBy = requestedBy,
            Status = JobRunStatus.Queued,
            ParametersJson = JsonSerializer.Serialize(request),
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
                .ForJob(PortalJobs.AtlasImport.Key)
                .UsingJobData(PortalJobs.JobRunIdKey, run.Id.ToString())
                .UsingJobData(AtlasImportJob.FilePathKey, request.FilePath ?? "")
                .UsingJobData(AtlasImportJob.UrlKey, request.Url ?? "")
                .StartNow()
                .Build();
            var scheduler = await schedulers.GetScheduler(ct);
            await scheduler.ScheduleJob(trigger, cancellationToken: ct);
        }
        catch (Exception ex) when (ex is SchedulerException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not schedule job run {RunId}", run.Id);
            await new JobRunRecorder(db, time).FailAsync(
                run.Id, "The job could not be scheduled; the background scheduler is unavailable. Retry in a moment.", ex.ToString(), CancellationToken.None);
            throw new JobLaunchException("The background scheduler is unavailable; the import was not started.", ex);
        }

        return run.Id;
    }

    private void Validate(AtlasImportRequest request)
    {
        var hasFile = !string.IsNullOrWhiteSpace(request.FilePath);
        var hasUrl = !string.IsNullOrWhiteSpace(request.Url);
        if (hasFile == hasUrl)
        {
            throw new JobLaunchException("Choose either an uploaded file or a URL to import ATLAS from, not both or neither.");
        }

        if (hasUrl && (!Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            throw new JobLaunchException($"'{request.Url}' is not an http(s) address.");
        }

        if (hasFile)
        {
            var path = JobUploads.Resolve(database, request.FilePath!)
                ?? throw new JobLaunchException("The file to import must be saved in the portal's uploads folder.");
            if (!File.Exists(path))
            {
                throw new JobLaunchException("The uploaded file is not on the server; upload it again.");
            }
        }
    }
}
