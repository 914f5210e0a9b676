namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>Validates and canonicalises the values of one or more indicator types.</summary>
internal interface IIndicatorRule
{
    /// <summary>
    /// Returns the canonical form of <paramref name="value"/> (already trimmed and non-empty), or null after
    /// recording at least one error on <paramref name="check"/>.
    /// </summary>
    string? Normalize(string value, IndicatorCheck check);
}
