namespace AiCtiPortal.Domain.Reports;

/// <summary>An immutable snapshot of a report as it stood at one version, for history and diffs.</summary>
public class ReportVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ReportId { get; set; }

    public int Number { get; set; }

    /// <summary>The report, its references, techniques and indicator values as JSON (see ReportSnapshot).</summary>
    public string SnapshotJson { get; set; } = "{}";

    public string? ChangeNote { get; set; }

    public string AuthorId { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
