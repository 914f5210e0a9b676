using System.Globalization;
using System.Text.Json;
using AiCtiPortal.Domain.Reviews;

namespace AiCtiPortal.Domain.Artifacts;

/// <summary>The audit entries policy changes write, in the same shape as the report workflow's.</summary>
internal static class ScanPolicyAudit
{
    public const string Entity = "ScanPolicy";
    public const string Save = "ScanPolicy.Save";
    public const string Restore = "ScanPolicy.Restore";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AuditEntry Entry(string action, int number, string actorId, DateTime at, int previous, object after) => new()
    {
        EntityType = Entity,
        EntityId = number.ToString(CultureInfo.InvariantCulture),
        Action = action,
        ActorId = actorId,
        At = at,
        BeforeJson = JsonSerializer.Serialize(new { Version = previous }, Json),
        AfterJson = JsonSerializer.Serialize(after, Json),
    };
}
