using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Reports;

/// <summary>A report opened for editing, with the stamp a later save must present.</summary>
public sealed record EditableReport(Guid Id, ReportDraft Draft, ContentStatus Status, int Version, Guid ConcurrencyStamp)
{
    /// <summary>The published report this draft proposes a change to; null for an ordinary report.</summary>
    public ProposalTarget? ProposalFor { get; init; }
}

/// <summary>The published report a proposal changes, at its current version.</summary>
public sealed record ProposalTarget(Guid ReportId, string Title, int Version);

/// <summary>The result of a save or submit: the report's new stamp, for the next save.</summary>
public sealed record WorkflowSaved(Guid ReportId, Guid ConcurrencyStamp, ContentStatus Status, DateTime SavedAt);

/// <summary>A reviewer's decision as submitted from the review page.</summary>
public sealed record ReviewRequest(
    Guid ReportId, Guid ExpectedConcurrencyStamp, string ReviewerId, ReviewDecision Decision, string? Comment, RubricScores Scores);

/// <summary>Where the report stands after a decision.</summary>
public sealed record ReviewOutcome(ContentStatus Status, int Approvals, int Quorum);
