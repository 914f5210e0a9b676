namespace AiCtiPortal.Domain.Reviews;

/// <summary>A workflow step refused because a rule forbids it; <see cref="Errors"/> lists every reason, for display.</summary>
public sealed class WorkflowRuleException(IReadOnlyList<string> errors)
    : Exception(string.Join(" ", errors))
{
    public WorkflowRuleException(string error) : this([error])
    {
    }

    public IReadOnlyList<string> Errors { get; } = errors;
}
