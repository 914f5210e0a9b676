using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiCtiPortal.Domain.Reviews;

/// <summary>
/// Builds every audit entry the portal writes, in one JSON shape (web casing, enums by name, nulls left out), so the
/// curators' audit page reads reports, sets, tokens and policies alike. Each area names its entity type and actions.
/// </summary>
internal static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static AuditEntry Entry(
        string entityType, string entityId, string action, string actorId, DateTime at, object? before, object? after) => new()
    {
        EntityType = entityType,
        EntityId = entityId,
        Action = action,
        ActorId = actorId,
        At = at,
        BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
        AfterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
    };
}
