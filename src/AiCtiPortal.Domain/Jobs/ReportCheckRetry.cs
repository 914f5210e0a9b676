using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>What the similarity and quality checks' retries share: a check is retried only for the version it was of.</summary>
internal static class ReportCheckRetry
{
    /// <summary>
    /// Refuses, with the reason and before anything is recorded, a retry for a report deleted since, or moved on to a
    /// newer version (which got its own check when it was submitted).
    /// </summary>
    public static async Task EnsureStillCurrentAsync(IDbContextFactory<PortalDbContext> db, Guid reportId, int version, CancellationToken ct)
    {
        await using var context = await db.CreateDbContextAsync(ct);
        var current = await context.Reports.AsNoTracking().Where(r => r.Id == reportId)
            .Select(r => (int?)r.Version).SingleOrDefaultAsync(ct)
            ?? throw new JobLaunchException($"Report {reportId} has been deleted since this check ran; there is nothing to check.");
        if (current != version)
        {
            throw new JobLaunchException(
                $"Report {reportId} is now at version {current}; version {version} is no longer current, and the newer version was checked when it was submitted.");
        }
    }
}
