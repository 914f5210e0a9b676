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

    /// <summary>
    /// Set on a proposal: a working copy of this published report that goes through the same review workflow and, once
    /// accepted, is applied to it as a new version. Null for every catalogue item.
    /// </summary>
    public Guid? ProposalForId { get; set; }

    /// <summary>The published report's <see cref="Version"/> the proposal was last submitted against.</summary>
    public int? ProposalBaseVersion { get; set; }

    /// <summary>
    /// Mean review score (1-5) of the published version, denormalised at publication so the catalogue can filter
    /// and sort 100,000 reports without aggregating reviews per query. Null while unscored.
    /// </summary>
    public double? CatalogueScore { get; set; }

    /// <summary>
    /// One bit (1 &lt;&lt; (int)IndicatorType) per indicator type the report documents, set at publication for the
    /// catalogue's indicator-type facet; null until computed (see Catalogue/CatalogueStatistics).
    /// </summary>
    public long? IndicatorTypeMask { get; set; }

    /// <summary>
    /// 0-100 from the quality checks (Curation/Quality), stored by the quality job with its reasons in
    /// QualityAssessments; null until the report has been assessed.
    /// </summary>
    public int? QualityScore { get; set; }

    public List<ReportReference> References { get; set; } = [];

    public List<ReportTechnique> Techniques { get; set; } = [];

    public List<ReportIndicator> Indicators { get; set; } = [];

    public List<ReportVersion> Versions { get; set; } = [];
}
