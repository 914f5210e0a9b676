using AiCtiPortal.Domain.Reviews;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>The audit entries export runs write, through <see cref="AuditTrail"/>.</summary>
internal static class ExportAudit
{
    public const string Entity = "ExportRun";
    public const string Request = "ExportRun.Request";
    public const string Expire = "ExportRun.Expire";

    public static AuditEntry Entry(ExportRun run, string action, string actorId, DateTime at) =>
        AuditTrail.Entry(Entity, run.Id.ToString(), action, actorId, at, before: null,
            after: new { run.CuratedSetId, run.Format, run.Kind, run.Status, run.PackageFolder, run.ExpiredAt });
}
