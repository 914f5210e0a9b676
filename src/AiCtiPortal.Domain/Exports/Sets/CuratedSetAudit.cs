using System.Text.Json;
using System.Text.Json.Serialization;
using AiCtiPortal.Domain.Reviews;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>The audit entries curated-set changes write, in the same JSON shape as the report workflow's.</summary>
internal static class CuratedSetAudit
{
    public const string Entity = "CuratedSet";
    public const string Create = "CuratedSet.Create";
    public const string Update = "CuratedSet.Update";
    public const string Archive = "CuratedSet.Archive";
    public const string Restore = "CuratedSet.Restore";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static AuditEntry Entry(Guid setId, string action, string actorId, DateTime at, object? before, object? after) => new()
    {
        EntityType = Entity,
        EntityId = setId.ToString(),
        Action = action,
        ActorId = actorId,
        At = at,
        BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
        AfterJson = after is null ? null : JsonSerializer.Serialize(after, Json),
    };
}
