using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// The report checks: required fields, evidence present (references, body, indicators), TLP against the cited
/// sources, and phases against ATLAS techniques. Reports number a hundred thousand, not a million, and carry a
/// handful of references and techniques each, so clarity wins over micro-optimisation here.
/// </summary>
internal sealed class ReportQualityChecks
{
    private readonly QualityOptions _options;
    private readonly TechniqueTactics _atlas;
    private readonly Dictionary<string, SupplyChainPhase> _techniquePhases;

    public ReportQualityChecks(QualityOptions options, TechniqueTactics atlas)
    {
        _options = options;
        _atlas = atlas;
        _techniquePhases = new Dictionary<string, SupplyChainPhase>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in atlas.TechniqueIds)
        {
            atlas.TryGetTactics(id, out var tactics);
            var phases = SupplyChainPhase.None;
            foreach (var tactic in tactics)
            {
                // A tactic the map does not know (a newer ATLAS release) neither explains nor contradicts a phase.
                phases |= options.TacticPhases.GetValueOrDefault(tactic);
            }

            _techniquePhases[id] = phases;
        }
    }

    public QualityAssessment Assess(ReportQualityInput report)
    {
        var findings = new FindingCollector(_options);
        CheckRequiredFields(report, ref findings);
        CheckEvidence(report, ref findings);
        CheckReferences(report, ref findings);
        CheckTechniques(report, ref findings);
        return findings.Result();
    }

    private static void CheckRequiredFields(ReportQualityInput report, ref FindingCollector findings)
    {
        if (string.IsNullOrWhiteSpace(report.Title))
        {
            findings.Add(QualityRules.ReportTitleMissing, "The report has no title; lists and search results show nothing to recognise it by.");
        }

        if (string.IsNullOrWhiteSpace(report.Summary))
        {
            findings.Add(QualityRules.ReportSummaryMissing, "The report has no summary; readers of lists and exports see only the title.");
        }

        if (report.Phases == SupplyChainPhase.None)
        {
            findings.Add(QualityRules.ReportPhaseMissing,
                "No supply-chain phase is set, so the report appears under no phase filter and its techniques cannot be checked against its phases.");
        }
    }

    private void CheckEvidence(ReportQualityInput report, ref FindingCollector findings)
    {
        var hasReferences = report.References.Count > 0;
        var hasIndicators = report.IndicatorCount > 0;
        if (!hasReferences && !hasIndicators)
        {
            findings.Add(QualityRules.ReportNoEvidence,
                "The report cites no sources and documents no indicators, so nothing in it can be verified or acted on. Add the references it is based on and the indicators it found.");
        }
        else if (!hasReferences)
        {
            findings.Add(QualityRules.ReportNoReferences,
                "The report cites no sources. Add the advisories, write-ups or samples it is based on, so reviewers and readers can verify it.");
        }
        else if (!hasIndicators)
        {
            findings.Add(QualityRules.ReportNoIndicators,
                "The report documents no indicators, so defenders get nothing to detect or block. Add them if the sources name any.");
        }

        var bodyLength = report.BodyMarkdown.AsSpan().Trim().Length;
        if (bodyLength < _options.MinBodyLength)
        {
            findings.Add(QualityRules.ReportBodyShort,
                $"The body has {QualityText.Plural(bodyLength, "character", "characters")}; at least {_options.MinBodyLength} are expected to explain what happened, how it was found and how to detect it.");
        }
    }

    /// <remarks>
    /// TLP rules. (1) A cited source that declares a marking more restrictive than the report's is a warning: the
    /// report would pass on what the source allowed only a narrower audience. (2) An AMBER, AMBER+STRICT or RED
    /// report whose sources are all publicly reachable and unmarked is a note: it may be restricted for good reason
    /// (its own analysis, the victim's name), but if not, a wider marking lets more defenders use it. (3) A CLEAR or
    /// GREEN report citing internal sources is fine: the link alone discloses nothing its readers could open.
    /// </remarks>
    private void CheckReferences(ReportQualityInput report, ref FindingCollector findings)
    {
        var invalid = new List<string>();
        var aboveReport = new List<string>();
        Tlp? strongestAbove = null;
        var publicAndUnmarked = 0;
        var usable = 0;
        foreach (var reference in report.References)
        {
            var url = reference.Url?.Trim() ?? "";
            if (ReportDraftRules.ReferenceUrlError(url) is not null)
            {
                invalid.Add(url.Length == 0 ? "(empty)" : url);
                continue;
            }

            usable++;
            var marking = Max(ReferenceSources.Marking(reference.Title), ReferenceSources.Marking(url));
            if (marking > report.Tlp)
            {
                aboveReport.Add(url);
                strongestAbove = Max(strongestAbove, marking);
            }

            if (marking is null or Tlp.Clear && ReferenceSources.IsPublic(new Uri(url)))
            {
                publicAndUnmarked++;
            }
        }

        if (invalid.Count > 0)
        {
            findings.Add(QualityRules.ReportReferenceInvalid,
                $"{QualityText.Plural(invalid.Count, "reference is", "references are")} not an absolute http:// or https:// address: {QualityText.List(invalid)}. Fix or remove {(invalid.Count == 1 ? "it" : "them")}.",
                invalid);
        }

        if (strongestAbove is { } strongest)
        {
            findings.Add(QualityRules.ReportTlpBelowSource,
                $"The report is {TlpLabels.Of(report.Tlp)}, but {QualityText.Plural(aboveReport.Count, "source it cites is", "sources it cites are")} marked up to {TlpLabels.Of(strongest)}: {QualityText.List(aboveReport)}. " +
                $"Raise the report to {TlpLabels.Of(strongest)}, or cite a version of the source that may be shared at {TlpLabels.Of(report.Tlp)}.",
                aboveReport);
        }

        if (report.Tlp >= Tlp.Amber && usable > 0 && publicAndUnmarked == usable)
        {
            findings.Add(QualityRules.ReportTlpPublicSourcesOnly,
                $"The report is {TlpLabels.Of(report.Tlp)}, but every source it cites is public. If it adds nothing that must stay restricted, TLP:GREEN or TLP:CLEAR would let more defenders use it.");
        }
    }

    private void CheckTechniques(ReportQualityInput report, ref FindingCollector findings)
    {
        if (!report.TechniqueIds.Any(id => !string.IsNullOrWhiteSpace(id)))
        {
            findings.Add(QualityRules.ReportNoTechniques,
                "No ATLAS technique is mapped. Mapping one lets readers find the report by technique and lets the checks compare it with the report's phases.");
            return;
        }

        // Without an imported ATLAS release every id would look unknown; that is the portal's gap, not the report's.
        if (_atlas.IsEmpty)
        {
            return;
        }

        var unknown = new List<string>();
        var outside = new List<string>();
        var covered = SupplyChainPhase.None;
        foreach (var raw in report.TechniqueIds)
        {
            var id = raw?.Trim() ?? "";
            if (id.Length == 0)
            {
                continue;
            }

            if (!_techniquePhases.TryGetValue(id, out var phases))
            {
                if (!unknown.Contains(id, StringComparer.OrdinalIgnoreCase))
                {
                    unknown.Add(id);
                }

                continue;
            }

            covered |= phases;
            if (report.Phases != SupplyChainPhase.None && phases != SupplyChainPhase.None && (phases & report.Phases) == 0
                && !outside.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                outside.Add(id);
            }
        }

        if (unknown.Count > 0)
        {
            findings.Add(QualityRules.ReportTechniqueUnknown,
                $"{QualityText.List(unknown)} {(unknown.Count == 1 ? "is" : "are")} not in the ATLAS release the portal holds. Check the id, or replace a deprecated technique with its successor.",
                unknown);
        }

        if (outside.Count > 0)
        {
            findings.Add(QualityRules.ReportTechniqueOutsidePhases,
                $"By {(outside.Count == 1 ? "its" : "their")} ATLAS tactics, {QualityText.List(outside)} {(outside.Count == 1 ? "fits" : "fit")} none of the report's phases ({QualityText.Phases(report.Phases)}). " +
                "Check the technique, or add the phase it concerns.",
                outside);
        }

        // Only when some technique places the report at all: reconnaissance alone says nothing about phases.
        var uncovered = report.Phases & ~covered;
        if (covered != SupplyChainPhase.None && uncovered != SupplyChainPhase.None)
        {
            var names = SupplyChainPhases.Of(uncovered).Select(p => QualityText.Phases(p)).ToArray();
            findings.Add(QualityRules.ReportPhaseWithoutTechnique,
                $"No mapped technique fits the {QualityText.List(names)} phase{(names.Length == 1 ? "" : "s")}. Add the technique that describes what happened there, or remove the phase.",
                SupplyChainPhases.Of(uncovered).Select(p => p.ToString()).ToArray());
        }
    }

    private static Tlp? Max(Tlp? a, Tlp? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
