namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// How one background job queues a failed run of itself again: from the run's recorded <see cref="JobRun.ParametersJson"/>,
/// as a new run with <see cref="JobRun.Attempt"/> + 1. Every job in <see cref="PortalJobs.All"/> registers one, and
/// <see cref="IJobLauncher.RetryAsync"/> hands each failed run to the handler of its <see cref="JobRun.JobName"/>, so
/// the job monitor retries every job type the same way.
/// </summary>
public interface IJobRetryHandler
{
    /// <summary>The <see cref="PortalJobDefinition.Name"/> of the job this handler re-queues.</summary>
    string JobName { get; }

    /// <summary>
    /// Queues <paramref name="failed"/> again with its recorded parameters; returns the new JobRun's id. Throws
    /// <see cref="JobLaunchException"/>, with a sentence a curator can act on, when the run's inputs are gone (a
    /// deleted report, a deleted or archived set, a removed upload) or its parameters cannot be read.
    /// </summary>
    Task<Guid> RetryAsync(JobRun failed, string requestedBy, CancellationToken ct);
}
