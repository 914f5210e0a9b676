using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Packages;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>
/// What consumers see of exports: the sets they may read with each set's runs, and the files they may download. A
/// file is served only from a succeeded, unexpired run, only to curators or members of one of the set's reader
/// organisations who are cleared for the run's ceiling, and only if the run's manifest names it, so no request can
/// reach a path outside the run's folder.
/// </summary>
public sealed class ExportHistory(
    IDbContextFactory<PortalDbContext> contexts, CuratedSetStore sets, PortalDatabaseSettings database, ILogger<ExportHistory> logger)
{
    public const int RunsPerSet = 20;

    public async Task<bool> IsCuratorAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ReportWorkflow.IsInRoleAsync(db, userId, PortalRoles.Curator, ct);
    }

    public async Task<IReadOnlyList<ExportSetHistory>> ForUserAsync(string userId, CancellationToken ct = default)
    {
        var readable = await sets.ReadableByAsync(userId, ct);
        if (readable.Count == 0)
        {
            return [];
        }

        var ids = readable.Select(s => s.Id).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);

        // A member not cleared for a run's ceiling (an account without a role reads CLEAR, decision 0005) may not
        // download it, so it must not see its counts, sizes and hashes either.
        var clearance = await Clearance.OfUserAsync(db, userId, ct);
        var runs = (await db.ExportRuns.AsNoTracking().Where(r => ids.Contains(r.CuratedSetId) && r.Ceiling <= clearance).ToListAsync(ct))
            .OrderByDescending(r => r.QueuedAt)
            .ToLookup(r => r.CuratedSetId);
        return readable
            .Select(set => new ExportSetHistory(set, runs[set.Id].Take(RunsPerSet).Select(View).ToList()))
            .ToList();
    }

    /// <summary>The file to serve, or null (the endpoint answers 404) when the viewer may not have it or it does not exist.</summary>
    public async Task<ExportDownload?> OpenAsync(Guid runId, string fileName, string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.ExportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is not { Status: ExportRunStatus.Succeeded, ExpiredAt: null, PackageFolder: { Length: > 0 } }
            || !await MayReadAsync(db, run, userId, ct))
        {
            return null;
        }

        var folder = PackageFolderOf(run);
        var listed = fileName == ExportManifest.FileName || (ReadManifest(folder)?.Files.Any(f => f.Name == fileName) ?? false);
        if (!listed)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(folder, fileName));
        return path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(path)
            ? new ExportDownload(path, fileName, ExportFiles.ContentTypeOf(run.Format, fileName))
            : null;
    }

    private static async Task<bool> MayReadAsync(PortalDbContext db, ExportRun run, string userId, CancellationToken ct)
    {
        if (await ReportWorkflow.IsInRoleAsync(db, userId, PortalRoles.Curator, ct))
        {
            return true;
        }

        var readsSet = await db.CuratedSetReaders.AnyAsync(
            r => r.SetId == run.CuratedSetId && !r.Set!.IsArchived
                && db.OrganisationMemberships.Any(m => m.OrganisationId == r.OrganisationId && m.UserId == userId), ct);

        // The export holds nothing above its ceiling; a member not yet cleared that high (an account without a role
        // is CLEAR, decision 0005) still may not have it.
        return readsSet && await Clearance.OfUserAsync(db, userId, ct) >= run.Ceiling;
    }

    private ExportRunView View(ExportRun run)
    {
        var files = run is { Status: ExportRunStatus.Succeeded, ExpiredAt: null, PackageFolder: { Length: > 0 } }
            ? ReadManifest(PackageFolderOf(run))?.Files ?? []
            : [];
        return new ExportRunView(
            run.Id, run.Format, run.Kind, run.Status, run.Progress, run.QueuedAt, run.FinishedAt, run.Since, run.CutOff, run.Ceiling,
            run.ReportCount, run.IndicatorCount, run.ObjectCount, run.TotalBytes, run.ExpiredAt is not null, run.Message, files);
    }

    private string PackageFolderOf(ExportRun run) =>
        Path.GetFullPath(Path.Combine(ExportOptions.SetFolder(database.DataFolder, run.CuratedSetId), run.PackageFolder!));

    private ExportManifest? ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ExportManifest.FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<ExportManifest>(File.ReadAllText(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not read the export manifest {Path}", path);
            return null;
        }
    }
}
