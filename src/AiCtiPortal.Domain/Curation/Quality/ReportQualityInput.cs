using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// What the report checks read: a snapshot of a stored report or of a draft in the editor. Its indicators are
/// assessed one by one with <see cref="IndicatorQualityInput"/>; here only their number counts, as evidence.
/// </summary>
public sealed record ReportQualityInput(
    Guid Id,
    string Title,
    string Summary,
    string BodyMarkdown,
    SupplyChainPhase Phases,
    Tlp Tlp,
    IReadOnlyList<ReferenceQualityInput> References,
    IReadOnlyList<string> TechniqueIds,
    int IndicatorCount)
{
    /// <summary>From a stored report; its References, Techniques and Indicators must be loaded.</summary>
    public static ReportQualityInput From(ThreatReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ReportQualityInput(
            report.Id, report.Title, report.Summary, report.BodyMarkdown, report.Phases, report.Tlp,
            report.References.Select(r => new ReferenceQualityInput(r.Url, r.Title)).ToArray(),
            report.Techniques.Select(t => t.TechniqueId).ToArray(),
            report.Indicators.Count);
    }

    /// <summary>From the editor's draft, so a page can show the checks before anything is saved.</summary>
    public static ReportQualityInput From(Guid id, ReportDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new ReportQualityInput(
            id, draft.Title, draft.Summary, draft.BodyMarkdown, draft.Phases, draft.Tlp,
            draft.References.Select(r => new ReferenceQualityInput(r.Url, r.Title)).ToArray(),
            draft.TechniqueIds.ToArray(),
            draft.Indicators.Count);
    }
}

public sealed record ReferenceQualityInput(string Url, string? Title);
