namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// One run of a background job as curators see it: what, who asked, progress, outcome. Quartz keeps the schedule;
/// this keeps the history in the portal's own words.
/// </summary>
public class JobRun
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>Stable job name, such as "atlas-import".</summary>
    public string JobName { get; set; } = "";

    /// <summary>User id, or "schedule" / "startup" for runs nobody asked for.</summary>
    public string RequestedBy { get; set; } = "";

    public JobRunStatus Status { get; set; } = JobRunStatus.Queued;

    /// <summary>0-100.</summary>
    public int Progress { get; set; }

    public string? Message { get; set; }

    public string? Error { get; set; }

    /// <summary>Job input as JSON, so a failed run can be retried as it was.</summary>
    public string? ParametersJson { get; set; }

    public DateTime QueuedAt { get; set; } = DateTime.UtcNow;

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public int Attempt { get; set; } = 1;
}
