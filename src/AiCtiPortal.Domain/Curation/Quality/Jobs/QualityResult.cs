using AiCtiPortal.Domain.Curation.Quality.Storage;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// What a run concluded about one item, ready to store. <paramref name="Stamp"/> is the ConcurrencyStamp the item had
/// when it was read: the result is stored only if the item still has it, so an item edited or deleted meanwhile is
/// never given a verdict about content it no longer has.
/// </summary>
/// <param name="UpdateItem">Whether the item's own columns (score, confidence) differ from what was read.</param>
/// <param name="Confidence">Indicators only: the confidence columns to write.</param>
public sealed record QualityResult(
    QualityItemKind Kind,
    Guid Id,
    Guid Stamp,
    QualityAssessment Assessment,
    bool UpdateItem,
    IndicatorConfidenceColumns? Confidence = null);

/// <summary>Indicators.Confidence, SubmittedConfidence and DecayedConfidence as the decay leaves them.</summary>
public sealed record IndicatorConfidenceColumns(int Confidence, int? SubmittedConfidence, int? DecayedConfidence);
