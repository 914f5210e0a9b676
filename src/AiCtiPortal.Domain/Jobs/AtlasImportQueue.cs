using System.Text.Json;
using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// Queues ATLAS imports: records each as a queued <see cref="JobRun"/>, then gives the durable Quartz job a one-shot
/// trigger carrying the run's id and parameters. Both live in the portal's database, so a queued run survives a
/// restart. Also the import's retry: the same request again, provided an uploaded file is still there.
/// </summary>
internal sealed class AtlasImportQueue(
    ISchedulerFactory schedulers,
    IDbContextFactory<PortalDbContext> db,
    PortalDatabaseSettings database,
    TimeProvider time,
    ILogger<AtlasImportQueue> logger) : IJobRetryHandler
{
    public string JobName => AtlasImportJob.Name;

    public async Task<Guid> EnqueueAsync(AtlasImportRequest request, string requestedBy, int attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
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

    public Task<Guid> RetryAsync(JobRun failed, string requestedBy, CancellationToken ct)
    {
        var request = JobRunParameters.Read<AtlasImportRequest>(failed);
        // Validate would refuse too, but with the wording for a fresh upload; a retry says what happened to the file.
        if (request.FilePath is { Length: > 0 } filePath && !File.Exists(JobUploads.Resolve(database, filePath)))
        {
            throw new JobLaunchException("The file that run imported is no longer on the server; upload it again instead.");
        }

        return EnqueueAsync(request, requestedBy, failed.Attempt + 1, ct);
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
