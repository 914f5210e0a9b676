using System.Text.Json.Serialization;

namespace AiCtiPortal.Domain.Exports.Packages;

/// <summary>One file of an export: its name inside the package, size and SHA-256 (lowercase hex).</summary>
public sealed record ExportFile(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>
/// What a consumer needs to trust a download: which set and format, full or incremental (and since when), how many
/// objects of each kind, and every file with its size and SHA-256. Written last, so its presence means complete.
/// </summary>
public sealed record ExportManifest(
    [property: JsonPropertyName("export_id")] Guid ExportId,
    [property: JsonPropertyName("set")] string SetName,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("incremental_since")] DateTime? IncrementalSince,
    [property: JsonPropertyName("generated_at")] DateTime GeneratedAt,
    [property: JsonPropertyName("counts")] IReadOnlyDictionary<string, long> Counts,
    [property: JsonPropertyName("files")] IReadOnlyList<ExportFile> Files)
{
    public const string FileName = "manifest.json";
}
