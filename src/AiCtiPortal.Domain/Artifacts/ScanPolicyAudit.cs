using System.Globalization;
using AiCtiPortal.Domain.Reviews;

namespace AiCtiPortal.Domain.Artifacts;

/// <summary>The audit entries policy changes write, through <see cref="AuditTrail"/>.</summary>
internal static class ScanPolicyAudit
{
    public const string Entity = "ScanPolicy";
    public const string Save = "ScanPolicy.Save";
    public const string Restore = "ScanPolicy.Restore";

    public static AuditEntry Entry(string action, int number, string actorId, DateTime at, int previous, object after) =>
        AuditTrail.Entry(Entity, number.ToString(CultureInfo.InvariantCulture), action, actorId, at, new { Version = previous }, after);
}
