namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>Queues the similarity check of one submission version as a background job.</summary>
public interface ISimilarityCheckLauncher
{
    /// <summary>Records a queued JobRun and schedules the check at once; returns the JobRun id.</summary>
    Task<Guid> EnqueueAsync(Guid reportId, int version, string requestedBy, CancellationToken ct);
}
