namespace AiCtiPortal.Domain.Catalogue;

/// <summary>A named range a range facet offers: confidence bands, publication windows, score thresholds.</summary>
public sealed record CatalogueBand(string Key, string Label, double? Min, double? Max);

/// <summary>
/// The ranges the catalogue counts and the pages offer as links. Keys travel in URLs (conf=75-100, published=30d,
/// score=4), so they are stable names, not positions.
/// </summary>
public static class CatalogueBands
{
    /// <summary>Confidence 0-100 in four bands; Min and Max are inclusive.</summary>
    public static IReadOnlyList<CatalogueBand> Confidence { get; } =
    [
        new("75-100", "High (75-100)", 75, 100),
        new("50-74", "Medium (50-74)", 50, 74),
        new("25-49", "Low (25-49)", 25, 49),
        new("0-24", "Very low (0-24)", 0, 24),
    ];

    /// <summary>Publication windows ending now; Min is the window's length in days.</summary>
    public static IReadOnlyList<CatalogueBand> Published { get; } =
    [
        new("7d", "Past week", 7, null),
        new("30d", "Past month", 30, null),
        new("365d", "Past year", 365, null),
    ];

    /// <summary>Minimum review score (reports without reviews never count).</summary>
    public static IReadOnlyList<CatalogueBand> Score { get; } =
    [
        new("4", "4 and above", 4, null),
        new("3", "3 and above", 3, null),
        new("2", "2 and above", 2, null),
    ];

    public static CatalogueBand? Find(IReadOnlyList<CatalogueBand> bands, string? key) =>
        bands.FirstOrDefault(b => string.Equals(b.Key, key, StringComparison.OrdinalIgnoreCase));
}
