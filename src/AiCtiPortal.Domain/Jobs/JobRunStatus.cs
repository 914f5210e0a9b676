namespace AiCtiPortal.Domain.Jobs;

public enum JobRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
