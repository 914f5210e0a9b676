namespace AiCtiPortal.Web.Api;

/// <summary>
/// Indicators submitted for review, as one draft report. title, summary, tlp and indicators are required;
/// bodyMarkdown, phases (default: the indicator types' usual phases) and confidence (default 50) are optional.
/// </summary>
public sealed record ApiSubmission(
    string? Title, string? Summary, string? Tlp, IReadOnlyList<ApiSubmittedIndicator>? Indicators,
    string? BodyMarkdown = null, IReadOnlyList<string>? Phases = null, int? Confidence = null);

public sealed record ApiSubmittedIndicator(string? Type, string? Value, string? Description = null);

/// <summary>The draft now in review, and what the catalogue made of each value (in the order sent).</summary>
public sealed record ApiSubmissionResult(
    Guid ReportId, string Status, int Version, string ReviewPage, IReadOnlyList<ApiSubmissionIndicatorResult> Indicators);

public sealed record ApiSubmissionIndicatorResult(
    int Index, string Type, string Value, string NormalizedValue, IReadOnlyList<string> Notes, Guid? AlreadyPublishedId);
