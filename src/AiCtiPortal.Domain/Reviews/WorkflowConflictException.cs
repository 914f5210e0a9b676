namespace AiCtiPortal.Domain.Reviews;

/// <summary>Someone else changed the report between reading it and acting on it; the caller should reload.</summary>
public sealed class WorkflowConflictException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string ReviewerRace =
        "Another reviewer decided on this report while you were reviewing; reload to see their decision.";

    public const string EditorRace =
        "This report was changed elsewhere (another tab or a reviewer) since you opened it; reload to continue from the saved version.";
}
