using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiCtiPortal.Domain.Curation.Quality.Storage;

/// <summary>
/// The stored form of an assessment's findings: a JSON array of {code, severity, weight, message, subjects}. One
/// column instead of a row per finding keeps the nightly re-check at one write per changed item.
/// </summary>
public static class QualityFindingsJson
{
    /// <summary>What a clean item stores.</summary>
    public const string Empty = "[]";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(IReadOnlyList<QualityFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Count == 0 ? Empty : JsonSerializer.Serialize(findings, Options);
    }

    /// <summary>Reads what <see cref="Write"/> stored; a damaged value reads as one finding saying so, never throws.</summary>
    public static IReadOnlyList<QualityFinding> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json == Empty)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<QualityFinding[]>(json, Options) ?? [];
        }
        catch (JsonException e)
        {
            return [new QualityFinding("stored.unreadable", QualitySeverity.Info, 0,
                "The stored reasons could not be read (" + e.Message + "); the next re-check replaces them.", [])];
        }
    }
}
