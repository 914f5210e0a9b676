using System.Text.Json;
using System.Text.Json.Serialization;
using AiCtiPortal.Domain.Reviews;

namespace AiCtiPortal.Domain.Reports;

/// <summary>Builds the audit entries the workflow writes, in one JSON shape.</summary>
internal static class WorkflowAudit
{
    public const string ReportEntity = "Report";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static AuditEntry Report(Guid reportId, string action, string actorId, DateTime at, object? before, object? after) => new()
    {
        EntityType = ReportEntity,
        EntityId = reportId.ToString(),
        Action = action,
        ActorId = actorId,
        At = at,
        BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
        AfterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
    };
}
