using AiCtiPortal.Domain.Reviews;

namespace AiCtiPortal.Domain.Reports;

/// <summary>The audit entries the report workflow writes, through <see cref="AuditTrail"/>.</summary>
internal static class WorkflowAudit
{
    public const string ReportEntity = "Report";

    public static AuditEntry Report(Guid reportId, string action, string actorId, DateTime at, object? before, object? after) =>
        AuditTrail.Entry(ReportEntity, reportId.ToString(), action, actorId, at, before, after);
}
