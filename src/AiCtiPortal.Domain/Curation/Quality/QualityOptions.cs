using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// Weights (points a finding costs, out of 100) and thresholds of the quality checks, bound from the configuration
/// section <see cref="SectionName"/>. The defaults put errors at 20-60 points, warnings at 10-20 and notes at 2-5, so
/// one error is visible in the score on its own and a handful of notes never sinks an item.
/// </summary>
public sealed record QualityOptions
{
    public const string SectionName = "Curation:Quality";

    public static QualityOptions Default { get; } = new();

    // Indicator weights.
    public int IndicatorValueMissingWeight { get; init; } = 60;
    public int IndicatorFormatInvalidWeight { get; init; } = 50;
    public int IndicatorHashMismatchWeight { get; init; } = 20;
    public int IndicatorNormalizationChangedWeight { get; init; } = 15;
    public int IndicatorPhaseMissingWeight { get; init; } = 10;
    public int IndicatorDescriptionMissingWeight { get; init; } = 10;
    public int IndicatorTimeBoundsMissingWeight { get; init; } = 10;
    public int IndicatorRevisionMissingWeight { get; init; } = 5;
    public int IndicatorDatesInconsistentWeight { get; init; } = 10;
    public int IndicatorVerdictConflictWeight { get; init; } = 15;
    public int IndicatorExpiredWeight { get; init; } = 20;
    public int IndicatorNotSeenRecentlyWeight { get; init; } = 5;

    // Report weights.
    public int ReportTitleMissingWeight { get; init; } = 20;
    public int ReportSummaryMissingWeight { get; init; } = 10;
    public int ReportPhaseMissingWeight { get; init; } = 10;
    public int ReportNoTechniquesWeight { get; init; } = 5;
    public int ReportNoEvidenceWeight { get; init; } = 40;
    public int ReportNoReferencesWeight { get; init; } = 15;
    public int ReportNoIndicatorsWeight { get; init; } = 5;
    public int ReportBodyShortWeight { get; init; } = 10;
    public int ReportReferenceInvalidWeight { get; init; } = 10;
    public int ReportTlpBelowSourceWeight { get; init; } = 20;
    public int ReportTlpPublicSourcesOnlyWeight { get; init; } = 2;
    public int ReportTechniqueUnknownWeight { get; init; } = 10;
    public int ReportPhaseWithoutTechniqueWeight { get; init; } = 5;
    public int ReportTechniqueOutsidePhasesWeight { get; init; } = 10;

    // Thresholds.

    /// <summary>A body shorter than this (trimmed, in characters) cannot explain an attack and how to detect it.</summary>
    public int MinBodyLength { get; init; } = 300;

    /// <summary>Last sighting older than this makes a hash, package or pattern indicator "not seen recently".</summary>
    public TimeSpan LastSeenMaxAge { get; init; } = TimeSpan.FromDays(365);

    /// <summary>
    /// The same for URLs, domains and IP addresses, which are re-registered and re-assigned far sooner than a file
    /// hash stops identifying its file.
    /// </summary>
    public TimeSpan NetworkLastSeenMaxAge { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Dates up to this far in the future are tolerated (time zones, clock skew of the reporting sensor).</summary>
    public TimeSpan FutureTolerance { get; init; } = TimeSpan.FromDays(1);

    /// <summary>A claim at or above this confidence asserts the value is bad.</summary>
    public int HighConfidence { get; init; } = 70;

    /// <summary>A claim at or below this confidence doubts it.</summary>
    public int LowConfidence { get; init; } = 30;

    /// <summary>Which supply-chain phases each ATLAS tactic fits; see <see cref="TacticPhaseMap"/>.</summary>
    public IReadOnlyDictionary<string, SupplyChainPhase> TacticPhases { get; init; } = TacticPhaseMap.Default;

    /// <summary>What is wrong with these options; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var rule in QualityRules.All)
        {
            var weight = rule.WeightUnder(this);
            if (weight is < 0 or > QualityAssessment.MaxScore)
            {
                problems.Add($"The weight of {rule.Code} is {weight}; weights are between 0 and {QualityAssessment.MaxScore}.");
            }
        }

        if (MinBodyLength < 0)
        {
            problems.Add($"{nameof(MinBodyLength)} must not be negative.");
        }

        if (LastSeenMaxAge <= TimeSpan.Zero || NetworkLastSeenMaxAge <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(LastSeenMaxAge)} and {nameof(NetworkLastSeenMaxAge)} must be positive.");
        }

        if (FutureTolerance < TimeSpan.Zero)
        {
            problems.Add($"{nameof(FutureTolerance)} must not be negative.");
        }

        if (LowConfidence < 0 || HighConfidence > 100 || LowConfidence >= HighConfidence)
        {
            problems.Add($"Confidence thresholds must satisfy 0 ≤ {nameof(LowConfidence)} < {nameof(HighConfidence)} ≤ 100; they are {LowConfidence} and {HighConfidence}.");
        }

        if (TacticPhases is null)
        {
            problems.Add($"{nameof(TacticPhases)} is required.");
        }

        return problems;
    }
}
