using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>
/// Keeps the newest N successful runs of a set in a format (Exports:Retention): older packages are deleted and their
/// runs marked expired, keeping the history row. The row is marked first, so a download never finds a run that says
/// it has files when the files are already gone.
/// </summary>
internal sealed class ExportRetention(IDbContextFactory<PortalDbContext> contexts, PortalDatabaseSettings database, TimeProvider time, ILogger logger)
{
    public const string Actor = "retention";

    public async Task ApplyAsync(Guid setId, ExportFormat format, int keep, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var kept = await db.ExportRuns
            .Where(r => r.CuratedSetId == setId && r.Format == format && r.Status == ExportRunStatus.Succeeded && r.ExpiredAt == null)
            .OrderByDescending(r => r.CutOff).ThenByDescending(r => r.FinishedAt)
            .ToListAsync(ct);
        var expired = kept.Skip(keep).ToList();
        if (expired.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var run in expired)
        {
            run.ExpiredAt = now;
            db.AuditEntries.Add(ExportAudit.Entry(run, ExportAudit.Expire, Actor, now));
        }

        await db.SaveChangesAsync(ct);
        var setFolder = ExportOptions.SetFolder(database.DataFolder, setId);
        foreach (var run in expired.Where(r => r.PackageFolder is { Length: > 0 }))
        {
            var folder = Path.Combine(setFolder, run.PackageFolder!);
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Could not delete the expired export folder {Folder}", folder);
            }
        }
    }
}
