using System.Security.Cryptography;
using System.Text;
using AiCtiPortal.Domain.Indicators.Validation;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Indicators;

/// <summary>
/// The AI-specific indicator catalogue: what each type means, and how a candidate value is validated and brought into
/// the canonical form that duplicate detection, matching and exports rely on.
/// </summary>
public static class IndicatorCatalogue
{
    private static readonly Dictionary<IndicatorType, (IndicatorTypeInfo Info, IIndicatorRule Rule)> Entries =
        CatalogueEntries.All.ToDictionary(e => e.Info.Type);

    public static IReadOnlyList<IndicatorTypeInfo> Types { get; } =
        Enum.GetValues<IndicatorType>().Select(t => Entries[t].Info).ToArray();

    public static IndicatorTypeInfo Describe(IndicatorType type) => Entry(type).Info;

    public static IndicatorValidation Validate(IndicatorType type, string? raw)
    {
        var entry = Entry(type);
        var check = new IndicatorCheck();
        var value = raw?.Trim() ?? "";
        if (value.Length == 0)
        {
            check.Fail($"Enter a value, for example {entry.Info.Example}");
            return check.Result(null);
        }

        return check.Result(entry.Rule.Normalize(value, check));
    }

    /// <summary>Lowercase hex SHA-256 of "{type}\n{normalizedValue}" (UTF-8): the exact-duplicate key.</summary>
    public static string ValueHash(IndicatorType type, string normalizedValue)
    {
        ArgumentNullException.ThrowIfNull(normalizedValue);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{type}\n{normalizedValue}"));
        return Convert.ToHexStringLower(bytes);
    }

    private static (IndicatorTypeInfo Info, IIndicatorRule Rule) Entry(IndicatorType type) =>
        Entries.TryGetValue(type, out var entry)
            ? entry
            : throw new ArgumentOutOfRangeException(nameof(type), type, "The indicator catalogue does not know this type.");
}
