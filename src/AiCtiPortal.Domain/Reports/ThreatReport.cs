using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Reports;

/// <summary>A threat report: Markdown narrative plus the indicators and ATLAS techniques it documents.</summary>
public class ThreatReport
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public string BodyMarkdown { get; set; } = "";

    public SupplyChainPhase Phases { get; set; }

    public Tlp Tlp { get; set; } = Tlp.Green;

    /// <summary>0-100, the author's (later the reviewers') confidence in the report's claims.</summary>
    public int Confidence { get; set; } = 50;

    public ContentStatus Status { get; set; } = ContentStatus.Draft;

    public string AuthorId { get; set; } = "";

    public PortalUser? Author { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? SubmittedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>Number of the current version; every published change adds a <see cref="ReportVersion"/>.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Optimistic concurrency token, renewed on every save (portable across SQLite and PostgreSQL).</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<ReportReference> References { get; set; } = [];

    public List<ReportTechnique> Techniques { get; set; } = [];

    public List<ReportIndicator> Indicators { get; set; } = [];

    public List<ReportVersion> Versions { get; set; } = [];
}
