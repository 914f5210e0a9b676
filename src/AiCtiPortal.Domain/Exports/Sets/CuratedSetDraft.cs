using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>
/// A curated set as a curator edits it: mutable, so the page binds to it directly and keeps what was typed when a
/// save is refused. The store normalises it (trims, de-duplicates, UTC dates) before validating.
/// </summary>
public sealed class CuratedSetDraft
{
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public SupplyChainPhase Phases { get; set; }

    public List<string> TechniqueIds { get; set; } = [];

    public List<IndicatorType> IndicatorTypes { get; set; } = [];

    public Tlp TlpCeiling { get; set; } = Tlp.Green;

    public int MinConfidence { get; set; }

    /// <summary>0-100, or null for no minimum.</summary>
    public int? MinQualityScore { get; set; }

    public DateTime? PublishedFrom { get; set; }

    public DateTime? PublishedTo { get; set; }

    /// <summary>The organisations whose members may read the set.</summary>
    public List<Guid> ReaderIds { get; set; } = [];

    /// <summary>The editable form of a stored set; its readers must be loaded.</summary>
    public static CuratedSetDraft Of(CuratedSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new()
        {
            Name = set.Name,
            Description = set.Description,
            Phases = set.Phases,
            TechniqueIds = [.. set.TechniqueIds],
            IndicatorTypes = [.. set.IndicatorTypes],
            TlpCeiling = set.TlpCeiling,
            MinConfidence = set.MinConfidence,
            MinQualityScore = set.MinQualityScore,
            PublishedFrom = set.PublishedFrom,
            PublishedTo = set.PublishedTo,
            ReaderIds = set.Readers.Select(r => r.OrganisationId).ToList(),
        };
    }

    /// <summary>A copy with whitespace trimmed, duplicates removed, lists in a stable order and dates in UTC.</summary>
    internal CuratedSetDraft Normalised() => new()
    {
        Name = Name?.Trim() ?? "",
        Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
        Phases = Phases,
        TechniqueIds = (TechniqueIds ?? [])
            .Select(id => id?.Trim().ToUpperInvariant() ?? "")
            .Where(id => id.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList(),
        IndicatorTypes = (IndicatorTypes ?? []).Distinct().Order().ToList(),
        TlpCeiling = TlpCeiling,
        MinConfidence = MinConfidence,
        MinQualityScore = MinQualityScore,
        PublishedFrom = Utc(PublishedFrom),
        PublishedTo = Utc(PublishedTo),
        ReaderIds = (ReaderIds ?? []).Distinct().ToList(),
    };

    /// <summary>Dates picked in a form arrive without a kind; the portal means UTC everywhere.</summary>
    internal static DateTime? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { Kind: DateTimeKind.Unspecified } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
        var utc => utc,
    };
}
