namespace AiCtiPortal.Domain.Reports;

/// <summary>
/// Maps a report to an ATLAS technique by its id (AML.T0010). Deliberately not a foreign key: ATLAS releases come
/// and go, and a report must keep its mapping when a release renames or deprecates a technique.
/// </summary>
public class ReportTechnique
{
    public Guid ReportId { get; set; }

    public string TechniqueId { get; set; } = "";
}
