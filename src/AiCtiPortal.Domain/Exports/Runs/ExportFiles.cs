using AiCtiPortal.Domain.Exports.Packages;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>File names, manifest format names and the media types downloads are served with.</summary>
public static class ExportFiles
{
    public const string StixBundle = "bundle.json";
    public const string Csv = "indicators.csv";
    public const string JsonLines = "indicators.jsonl";

    public static string FormatName(ExportFormat format) => format switch
    {
        ExportFormat.StixBundle => "stix-2.1",
        ExportFormat.MispEvents => "misp-events",
        ExportFormat.Csv => "csv",
        ExportFormat.JsonLines => "jsonl",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static string DisplayName(ExportFormat format) => format switch
    {
        ExportFormat.StixBundle => "STIX 2.1 bundle",
        ExportFormat.MispEvents => "MISP events",
        ExportFormat.Csv => "CSV",
        ExportFormat.JsonLines => "JSON Lines",
        _ => format.ToString(),
    };

    /// <summary>The media type a file of a package is served with.</summary>
    public static string ContentTypeOf(ExportFormat format, string fileName)
    {
        if (fileName == ExportManifest.FileName)
        {
            return "application/json";
        }

        return format switch
        {
            // The STIX 2.1 media type (section 1.6 of the specification), as TAXII serves bundles.
            ExportFormat.StixBundle => "application/stix+json;version=2.1",
            ExportFormat.Csv => "text/csv; charset=utf-8",
            ExportFormat.JsonLines => "application/jsonl; charset=utf-8",
            _ => "application/json",
        };
    }
}
