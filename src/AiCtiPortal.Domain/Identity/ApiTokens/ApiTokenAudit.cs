using AiCtiPortal.Domain.Reviews;

namespace AiCtiPortal.Domain.Identity.ApiTokens;

/// <summary>
/// The audit entries token changes write (through <see cref="AuditTrail"/>, like every other area).
/// They name the token by id, name and prefix; the secret and its hash never enter the trail.
/// </summary>
internal static class ApiTokenAudit
{
    public const string Entity = "ApiToken";
    public const string Create = "ApiToken.Create";
    public const string Revoke = "ApiToken.Revoke";

    public static AuditEntry Entry(string action, ApiToken token, string actorId, DateTime at, object? before) =>
        AuditTrail.Entry(Entity, token.Id.ToString(), action, actorId, at, before, State(token));

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
