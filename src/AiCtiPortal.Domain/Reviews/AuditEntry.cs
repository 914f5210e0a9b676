namespace AiCtiPortal.Domain.Reviews;

/// <summary>
/// One recorded state change or decision: who did what to which item, when, and the state before and after.
/// ActorId is deliberately not a foreign key, so the trail outlives deleted accounts.
/// </summary>
public class AuditEntry
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The kind of item, for example "Report".</summary>
    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    /// <summary>What happened, for example "Submit", "Review.Approve", "Publish".</summary>
    public string Action { get; set; } = "";

    public string ActorId { get; set; } = "";

    public DateTime At { get; set; } = DateTime.UtcNow;

    public string? BeforeJson { get; set; }

    public string? AfterJson { get; set; }
}
