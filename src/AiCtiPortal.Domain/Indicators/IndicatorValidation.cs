namespace AiCtiPortal.Domain.Indicators;

/// <summary>
/// The verdict on one candidate value. Errors say what to change; notes say what the catalogue changed or noticed
/// (a refanged URL, removed zero-width characters, a private address) without rejecting the value.
/// </summary>
public sealed record IndicatorValidation(
    bool IsValid,
    string? NormalizedValue,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Notes);
