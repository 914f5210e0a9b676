using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Reports;

/// <summary>
/// A report as its author edits it: mutable, so the editor binds to it directly and keeps everything typed in memory
/// even when a save is refused.
/// </summary>
public sealed class ReportDraft
{
    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public string BodyMarkdown { get; set; } = "";

    public SupplyChainPhase Phases { get; set; }

    public Tlp Tlp { get; set; } = Tlp.Green;

    public int Confidence { get; set; } = 50;

    public List<DraftReference> References { get; set; } = [];

    public List<string> TechniqueIds { get; set; } = [];

    public List<DraftIndicator> Indicators { get; set; } = [];

    /// <summary>The editable form of a stored report; References, Techniques and Indicators (with Indicator) must be loaded.</summary>
    public static ReportDraft Of(ThreatReport report) => new()
    {
        Title = report.Title,
        Summary = report.Summary,
        BodyMarkdown = report.BodyMarkdown,
        Phases = report.Phases,
        Tlp = report.Tlp,
        Confidence = report.Confidence,
        References = report.References.Select(r => new DraftReference { Url = r.Url, Title = r.Title }).ToList(),
        TechniqueIds = report.Techniques.Select(t => t.TechniqueId).Order(StringComparer.Ordinal).ToList(),
        Indicators = report.Indicators
            .Where(link => link.Indicator is not null)
            .Select(link => new DraftIndicator
            {
                Id = link.IndicatorId, Type = link.Indicator!.Type, Value = link.Indicator.Value,
                Description = link.Indicator.Description,
            })
            .ToList(),
    };
}

public sealed class DraftReference
{
    public string Url { get; set; } = "";

    public string? Title { get; set; }
}

public sealed class DraftIndicator
{
    /// <summary>The stored indicator this row edits; null for a row added since the last save.</summary>
    public Guid? Id { get; set; }

    public IndicatorType Type { get; set; } = IndicatorType.ModelFileSha256;

    public string Value { get; set; } = "";

    public string? Description { get; set; }
}
