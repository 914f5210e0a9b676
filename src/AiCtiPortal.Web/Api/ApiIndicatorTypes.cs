using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Web.Api;

/// <summary>Indicator types as the API spells them: the catalogue's enum names, case-insensitive, never numbers.</summary>
internal static class ApiIndicatorTypes
{
    public static IndicatorType? Parse(string? text, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"{field} is required: one of {Names}.");
            return null;
        }

        var trimmed = text.Trim();
        if (!trimmed.All(c => char.IsDigit(c) || c == '-') && Enum.TryParse<IndicatorType>(trimmed, ignoreCase: true, out var type) && Enum.IsDefined(type))
        {
            return type;
        }

        errors.Add($"{field}: \"{text}\" is not an indicator type; use one of {Names}.");
        return null;
    }

    public static string Names => string.Join(", ", IndicatorCatalogue.Types.Select(t => t.Type.ToString()));
}
