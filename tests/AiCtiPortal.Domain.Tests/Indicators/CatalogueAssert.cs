using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Tests.Indicators;

internal static class CatalogueAssert
{
    public static IndicatorValidation Valid(IndicatorType type, string raw, string expected)
    {
        var result = IndicatorCatalogue.Validate(type, raw);
        Assert.True(result.IsValid, $"Expected '{raw}' to be a valid {type}; errors: {string.Join(" | ", result.Errors)}");
        Assert.Equal(expected, result.NormalizedValue);
        Assert.Empty(result.Errors);
        return result;
    }

    public static IndicatorValidation Invalid(IndicatorType type, string? raw, string expectedErrorFragment)
    {
        var result = IndicatorCatalogue.Validate(type, raw);
        Assert.False(result.IsValid, $"Expected '{raw}' to be rejected as {type}, got '{result.NormalizedValue}'.");
        Assert.Null(result.NormalizedValue);
        Assert.Contains(result.Errors, e => e.Contains(expectedErrorFragment, StringComparison.Ordinal));
        return result;
    }

    public static void HasNote(IndicatorValidation result, string fragment) =>
        Assert.Contains(result.Notes, n => n.Contains(fragment, StringComparison.Ordinal));
}
