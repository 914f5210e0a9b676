namespace AiCtiPortal.Domain.Reports;

public class ReportReference
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid ReportId { get; set; }

    public string Url { get; set; } = "";

    public string? Title { get; set; }
}
