using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>What a run builds: full, or incremental since the previous successful run's cut-off, and why.</summary>
internal sealed record ExportPlan(ExportKind Kind, DateTime? Since, string Message)
{
    /// <summary>
    /// An incremental request becomes a full export when there is no previous successful run of the same set and
    /// format, when the set's filter or readers changed after that run (items may have entered or left the set
    /// without changing themselves), or when the distribution ceiling moved (a reader's clearance changed).
    /// </summary>
    public static async Task<ExportPlan> ForAsync(PortalDbContext db, ExportRun run, CuratedSetScope scope, CancellationToken ct)
    {
        if (run.Kind == ExportKind.Full)
        {
            return new(ExportKind.Full, null, "Full export.");
        }

        var previous = await db.ExportRuns.AsNoTracking()
            .Where(r => r.CuratedSetId == run.CuratedSetId && r.Format == run.Format && r.Id != run.Id
                && r.Status == ExportRunStatus.Succeeded && r.CutOff != null)
            .OrderByDescending(r => r.CutOff)
            .Select(r => new { r.CutOff, r.Ceiling })
            .FirstOrDefaultAsync(ct);
        if (previous?.CutOff is not { } since)
        {
            return new(ExportKind.Full, null, "Full export: there is no earlier successful export of this set in this format to continue from.");
        }

        if (scope.SetUpdatedAt > since)
        {
            return new(ExportKind.Full, null,
                $"Full export instead of incremental: the set itself changed at {scope.SetUpdatedAt:yyyy-MM-dd HH:mm:ss} UTC, after the previous export's cut-off, so items may have entered or left it.");
        }

        if (previous.Ceiling != scope.Ceiling)
        {
            return new(ExportKind.Full, null,
                $"Full export instead of incremental: the readers' clearance moved the export's ceiling from TLP:{previous.Ceiling} to TLP:{scope.Ceiling}.");
        }

        return new(ExportKind.Incremental, since, $"Incremental export: items changed after {since:yyyy-MM-dd HH:mm:ss} UTC.");
    }
}
