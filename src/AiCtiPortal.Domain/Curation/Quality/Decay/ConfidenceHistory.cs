using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Curation.Quality.Decay;

/// <summary>
/// An indicator's confidence as a person gave it and as decay left it, read from its three columns. The decay
/// writes Confidence and remembers the value it wrote (DecayedConfidence); when Confidence no longer equals that
/// value a person has set it since, and their value is the original again. So no edit path can lose the original.
/// </summary>
public readonly record struct ConfidenceHistory(int Original, int Current)
{
    public bool IsDecayed => Current < Original;

    public static ConfidenceHistory Of(int confidence, int? submittedConfidence, int? decayedConfidence) =>
        decayedConfidence == confidence && submittedConfidence is { } submitted
            ? new ConfidenceHistory(submitted, confidence)
            : new ConfidenceHistory(confidence, confidence);

    public static ConfidenceHistory Of(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return Of(indicator.Confidence, indicator.SubmittedConfidence, indicator.DecayedConfidence);
    }
}
