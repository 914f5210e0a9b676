namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// Every finding the quality checks can raise. Codes are stable: stored results and pages refer to them, so a rule
/// may be reworded or reweighted but never renamed. README.md in this folder explains each rule.
/// </summary>
public static class QualityRules
{
    /// <summary>
    /// Stored with every assessment. Raise it whenever a rule is added, removed or changes what it flags, so stored
    /// results from older rules can be told apart (weights are options and are not versioned).
    /// </summary>
    public const string Version = "2026-11-23.1";

    // Indicators: required fields per type.
    public static readonly QualityRule IndicatorValueMissing = new("indicator.value-missing", QualitySeverity.Error,
        "No value", o => o.IndicatorValueMissingWeight);

    public static readonly QualityRule IndicatorPhaseMissing = new("indicator.phase-missing", QualitySeverity.Warning,
        "No supply-chain phase", o => o.IndicatorPhaseMissingWeight);

    public static readonly QualityRule IndicatorDescriptionMissing = new("indicator.description-missing", QualitySeverity.Warning,
        "No description for a type that needs one", o => o.IndicatorDescriptionMissingWeight);

    public static readonly QualityRule IndicatorTimeBoundsMissing = new("indicator.time-bounds-missing", QualitySeverity.Warning,
        "Network indicator without last-seen or valid-until date", o => o.IndicatorTimeBoundsMissingWeight);

    public static readonly QualityRule IndicatorRevisionMissing = new("indicator.revision-missing", QualitySeverity.Info,
        "Hub reference without a pinned revision", o => o.IndicatorRevisionMissingWeight);

    // Indicators: format validity against the catalogue as it is today.
    public static readonly QualityRule IndicatorFormatInvalid = new("indicator.format-invalid", QualitySeverity.Error,
        "Value no longer passes the catalogue", o => o.IndicatorFormatInvalidWeight);

    public static readonly QualityRule IndicatorNormalizationChanged = new("indicator.normalization-changed", QualitySeverity.Warning,
        "Catalogue now normalises the value differently", o => o.IndicatorNormalizationChangedWeight);

    public static readonly QualityRule IndicatorHashMismatch = new("indicator.hash-mismatch", QualitySeverity.Error,
        "Stored hash does not match the stored value", o => o.IndicatorHashMismatchWeight);

    // Indicators: internal consistency.
    public static readonly QualityRule IndicatorDatesInconsistent = new("indicator.dates-inconsistent", QualitySeverity.Warning,
        "First-seen, last-seen and valid-until dates contradict each other", o => o.IndicatorDatesInconsistentWeight);

    public static readonly QualityRule IndicatorVerdictConflict = new("indicator.verdict-conflict", QualitySeverity.Warning,
        "Other published items disagree about this value", o => o.IndicatorVerdictConflictWeight);

    // Indicators: staleness.
    public static readonly QualityRule IndicatorExpired = new("indicator.expired", QualitySeverity.Warning,
        "Valid-until date has passed", o => o.IndicatorExpiredWeight);

    public static readonly QualityRule IndicatorNotSeenRecently = new("indicator.not-seen-recently", QualitySeverity.Info,
        "Last sighting is old", o => o.IndicatorNotSeenRecentlyWeight);

    // Reports: required fields.
    public static readonly QualityRule ReportTitleMissing = new("report.title-missing", QualitySeverity.Error,
        "No title", o => o.ReportTitleMissingWeight);

    public static readonly QualityRule ReportSummaryMissing = new("report.summary-missing", QualitySeverity.Warning,
        "No summary", o => o.ReportSummaryMissingWeight);

    public static readonly QualityRule ReportPhaseMissing = new("report.phase-missing", QualitySeverity.Warning,
        "No supply-chain phase", o => o.ReportPhaseMissingWeight);

    public static readonly QualityRule ReportNoTechniques = new("report.no-techniques", QualitySeverity.Info,
        "No ATLAS technique", o => o.ReportNoTechniquesWeight);

    // Reports: evidence present.
    public static readonly QualityRule ReportNoEvidence = new("report.no-evidence", QualitySeverity.Error,
        "Neither references nor indicators", o => o.ReportNoEvidenceWeight);

    public static readonly QualityRule ReportNoReferences = new("report.no-references", QualitySeverity.Warning,
        "No references", o => o.ReportNoReferencesWeight);

    public static readonly QualityRule ReportNoIndicators = new("report.no-indicators", QualitySeverity.Info,
        "No indicators", o => o.ReportNoIndicatorsWeight);

    public static readonly QualityRule ReportBodyShort = new("report.body-short", QualitySeverity.Warning,
        "Body too short to explain the attack", o => o.ReportBodyShortWeight);

    public static readonly QualityRule ReportReferenceInvalid = new("report.reference-invalid", QualitySeverity.Warning,
        "Reference is not an http(s) address", o => o.ReportReferenceInvalidWeight);

    // Reports: internal consistency.
    public static readonly QualityRule ReportTlpBelowSource = new("report.tlp-below-source", QualitySeverity.Warning,
        "Report is shared more widely than a source it cites", o => o.ReportTlpBelowSourceWeight);

    public static readonly QualityRule ReportTlpPublicSourcesOnly = new("report.tlp-public-sources-only", QualitySeverity.Info,
        "Restricted report that cites only public sources", o => o.ReportTlpPublicSourcesOnlyWeight);

    public static readonly QualityRule ReportTechniqueUnknown = new("report.technique-unknown", QualitySeverity.Warning,
        "Technique not in the current ATLAS release", o => o.ReportTechniqueUnknownWeight);

    public static readonly QualityRule ReportPhaseWithoutTechnique = new("report.phase-without-technique", QualitySeverity.Info,
        "Phase that none of the techniques fits", o => o.ReportPhaseWithoutTechniqueWeight);

    public static readonly QualityRule ReportTechniqueOutsidePhases = new("report.technique-outside-phases", QualitySeverity.Warning,
        "Technique whose tactics fit none of the report's phases", o => o.ReportTechniqueOutsidePhasesWeight);

    /// <summary>Every rule, indicators first, in the order above.</summary>
    public static IReadOnlyList<QualityRule> All { get; } =
    [
        IndicatorValueMissing, IndicatorPhaseMissing, IndicatorDescriptionMissing, IndicatorTimeBoundsMissing,
        IndicatorRevisionMissing, IndicatorFormatInvalid, IndicatorNormalizationChanged, IndicatorHashMismatch,
        IndicatorDatesInconsistent, IndicatorVerdictConflict, IndicatorExpired, IndicatorNotSeenRecently,
        ReportTitleMissing, ReportSummaryMissing, ReportPhaseMissing, ReportNoTechniques, ReportNoEvidence,
        ReportNoReferences, ReportNoIndicators, ReportBodyShort, ReportReferenceInvalid, ReportTlpBelowSource,
        ReportTlpPublicSourcesOnly, ReportTechniqueUnknown, ReportPhaseWithoutTechnique, ReportTechniqueOutsidePhases,
    ];

    /// <summary>The rule with this code, or null for a code this version does not know (an old stored result).</summary>
    public static QualityRule? Find(string code)
    {
        foreach (var rule in All)
        {
            if (string.Equals(rule.Code, code, StringComparison.Ordinal))
            {
                return rule;
            }
        }

        return null;
    }
}
