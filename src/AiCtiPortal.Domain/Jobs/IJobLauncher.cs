namespace AiCtiPortal.Domain.Jobs;

/// <summary>Starts background jobs on behalf of a person (or "startup"), recording each run as a <see cref="JobRun"/>.</summary>
public interface IJobLauncher
{
    /// <summary>Records a queued run and schedules it to start at once; returns the JobRun id.</summary>
    Task<Guid> EnqueueAtlasImportAsync(AtlasImportRequest request, string requestedBy, CancellationToken ct);

    /// <summary>
    /// Queues a failed run of any job again with the same parameters, as a new JobRun with Attempt + 1, through the
    /// job's <see cref="IJobRetryHandler"/>; returns its id. A run is retried once, and one whose inputs are gone is
    /// refused with a <see cref="JobLaunchException"/> saying why.
    /// </summary>
    Task<Guid> RetryAsync(Guid jobRunId, string requestedBy, CancellationToken ct);
}
