using System.Text.Json;
using System.Text.Json.Serialization;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Reports;

/// <summary>
/// A report as it stood at one version, stored as JSON in <see cref="ReportVersion.SnapshotJson"/>: self-contained,
/// so history and diffs still read correctly after the live report, its indicators or ATLAS change.
/// </summary>
public sealed record ReportSnapshot(
    string Title,
    string Summary,
    string BodyMarkdown,
    SupplyChainPhase Phases,
    Tlp Tlp,
    int Confidence,
    ContentStatus Status,
    IReadOnlyList<ReportSnapshot.Reference> References,
    IReadOnlyList<string> TechniqueIds,
    IReadOnlyList<ReportSnapshot.IndicatorValue> Indicators)
{
    public sealed record Reference(string Url, string? Title);

    public sealed record IndicatorValue(Guid Id, IndicatorType Type, string NormalizedValue);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Enum names, not numbers, so a snapshot stays readable and survives enum reordering.
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Captures a report; its References, Techniques and Indicators (with Indicator loaded) must be loaded.</summary>
    public static ReportSnapshot Of(ThreatReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ReportSnapshot(
            report.Title,
            report.Summary,
            report.BodyMarkdown,
            report.Phases,
            report.Tlp,
            report.Confidence,
            report.Status,
            report.References.Select(r => new Reference(r.Url, r.Title)).ToList(),
            report.Techniques.Select(t => t.TechniqueId).Order(StringComparer.Ordinal).ToList(),
            report.Indicators
                .Select(link => link.Indicator ?? throw new InvalidOperationException(
                    $"Load ReportIndicator.Indicator before taking a snapshot of report {report.Id}."))
                .Select(i => new IndicatorValue(i.Id, i.Type, i.NormalizedValue))
                .ToList());
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<ReportSnapshot>(json, Json)
        ?? throw new JsonException("A report snapshot was empty (the JSON literal null).");
}
