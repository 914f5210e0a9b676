namespace AiCtiPortal.Domain.Reports;

/// <summary>
/// Told by <see cref="ReportWorkflow"/> after a report entered review (submission, resubmission or proposal) and the
/// change was saved. Implementations must not throw for their own failures: the submission has already happened.
/// </summary>
public interface IReportSubmittedHook
{
    Task SubmittedAsync(Guid reportId, int version, string actorId, CancellationToken ct);
}

/// <summary>The hook when nothing listens (tests, and hosts without background jobs).</summary>
public sealed class NoReportSubmittedHook : IReportSubmittedHook
{
    public static NoReportSubmittedHook Instance { get; } = new();

    public Task SubmittedAsync(Guid reportId, int version, string actorId, CancellationToken ct) => Task.CompletedTask;
}
