using System.Text.Json.Serialization;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>
/// What an export's JobRun records (JobRun.ParametersJson), so a failed export can be retried as it was asked:
/// which run it built, of which set, in which format and kind. Enums by name, as curators read them on the job monitor.
/// </summary>
public sealed record ExportJobParameters(
    Guid ExportRunId,
    Guid SetId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ExportFormat>))] ExportFormat Format,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ExportKind>))] ExportKind Kind);
