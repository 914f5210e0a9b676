namespace AiCtiPortal.Domain.Jobs;

/// <summary>Starts background jobs on behalf of a person (or "startup"), recording each run as a <see cref="JobRun"/>.</summary>
public interface IJobLauncher
{
    /// <summary>Records a queued run and schedules it to start at once; returns the JobRun id.</summary>
    Task<Guid> EnqueueAtlasImportAsync(AtlasImportRequest request, string requestedBy, CancellationToken ct);

    /// <summary>Queues a failed run again with the same parameters, as a new JobRun with Attempt + 1; returns its id.</summary>
    Task<Guid> RetryAsync(Guid jobRunId, string requestedBy, CancellationToken ct);
}
