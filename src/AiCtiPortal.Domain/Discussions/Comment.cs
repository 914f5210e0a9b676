namespace AiCtiPortal.Domain.Discussions;

/// <summary>One message in a report's discussion, written in Markdown (rendered with raw HTML disabled).</summary>
public class Comment
{
    public const int MaxBodyLength = 10_000;

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ReportId { get; set; }

    public string AuthorId { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
