using AiCtiPortal.Domain.Reviews;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>The audit entries curated-set changes write, through <see cref="AuditTrail"/>.</summary>
internal static class CuratedSetAudit
{
    public const string Entity = "CuratedSet";
    public const string Create = "CuratedSet.Create";
    public const string Update = "CuratedSet.Update";
    public const string Archive = "CuratedSet.Archive";
    public const string Restore = "CuratedSet.Restore";

    public static AuditEntry Entry(Guid setId, string action, string actorId, DateTime at, object? before, object? after) =>
        AuditTrail.Entry(Entity, setId.ToString(), action, actorId, at, before, after);
}
