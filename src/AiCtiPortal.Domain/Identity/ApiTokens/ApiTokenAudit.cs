using System.Text.Json;
using System.Text.Json.Serialization;
using AiCtiPortal.Domain.Reviews;

namespace AiCtiPortal.Domain.Identity.ApiTokens;

/// <summary>
/// The audit entries token changes write, in the workflow's JSON shape (like ScanPolicyAudit beside WorkflowAudit).
/// They name the token by id, name and prefix; the secret and its hash never enter the trail.
/// </summary>
internal static class ApiTokenAudit
{
    public const string Entity = "ApiToken";
    public const string Create = "ApiToken.Create";
    public const string Revoke = "ApiToken.Revoke";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static AuditEntry Entry(string action, ApiToken token, string actorId, DateTime at, object? before) => new()
    {
        EntityType = Entity,
        EntityId = token.Id.ToString(),
        Action = action,
        ActorId = actorId,
        At = at,
        BeforeJson = before is null ? null : JsonSerializer.Serialize(before, Json),
        AfterJson = JsonSerializer.Serialize(State(token), Json),
    };

    public static object State(ApiToken token) => new
    {
        token.Name,
        token.Prefix,
        token.UserId,
        token.OrganisationId,
        token.Scopes,
        token.ExpiresAt,
        token.RevokedAt,
    };
}
