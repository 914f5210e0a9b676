namespace AiCtiPortal.Domain.Reviews;

/// <summary>What a reviewer decided about one version of a report (stored by name).</summary>
public enum ReviewDecision
{
    Approve,
    RequestChanges,
    Reject,
}
