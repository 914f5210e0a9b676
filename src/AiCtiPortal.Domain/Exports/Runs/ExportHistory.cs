using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Packages;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>
/// What consumers see of exports, on the Exports page and through the API: the sets they may read with each set's
/// runs, and the files they may download. A file is served only from a succeeded, unexpired run, only to curators,
/// members of one of the set's reader organisations or a reader organisation itself, when cleared for the run's
/// ceiling, and only if the run's manifest names it, so no request can reach a path outside the run's folder.
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

    public async Task<IReadOnlyList<ExportSetHistory>> ForConsumerAsync(CuratedSetConsumer consumer, CancellationToken ct = default)
    {
        var readable = await sets.ReadableByAsync(consumer, ct);
        if (readable.Count == 0)
        {
            return [];
        }

        var ids = readable.Select(s => s.Id).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);

        // A member not cleared for a run's ceiling (an account without a role reads CLEAR, decision 0005) may not
        // download it, so it must not see its counts, sizes and hashes either.
        var clearance = await ClearanceOfAsync(db, consumer, ct);
        var runs = (await db.ExportRuns.AsNoTracking().Where(r => ids.Contains(r.CuratedSetId) && r.Ceiling <= clearance).ToListAsync(ct))
            .OrderByDescending(r => r.QueuedAt)
            .ToLookup(r => r.CuratedSetId);
        return readable
            .Select(set => new ExportSetHistory(set, runs[set.Id].Take(RunsPerSet).Select(View).ToList()))
            .ToList();
    }

    /// <summary>
    /// One page of a set's runs that the consumer is cleared for, newest first; null when the consumer may not read
    /// the set (or it does not exist).
    /// </summary>
    public async Task<ExportRunPage?> RunsAsync(
        CuratedSetConsumer consumer, Guid setId, ExportRunFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var set = (await sets.ReadableByAsync(consumer, ct)).FirstOrDefault(s => s.Id == setId);
        if (set is null)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var clearance = await ClearanceOfAsync(db, consumer, ct);
        var runs = db.ExportRuns.AsNoTracking().Where(r => r.CuratedSetId == setId && r.Ceiling <= clearance);
        if (filter.Format is { } format)
        {
            runs = runs.Where(r => r.Format == format);
        }

        if (filter.Kind is { } kind)
        {
            runs = runs.Where(r => r.Kind == kind);
        }

        if (filter.Status is { } status)
        {
            runs = runs.Where(r => r.Status == status);
        }

        if (filter.DownloadableOnly)
        {
            runs = runs.Where(r => r.Status == ExportRunStatus.Succeeded && r.ExpiredAt == null && r.PackageFolder != null);
        }

        var total = await runs.CountAsync(ct);
        var rows = await runs.OrderByDescending(r => r.QueuedAt).ThenByDescending(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new ExportRunPage(set, rows.Select(View).ToList(), page, pageSize, total);
    }

    /// <summary>One run and its set, or null when the consumer may not have it (or it does not exist).</summary>
    public async Task<ExportRunOfSet?> RunAsync(CuratedSetConsumer consumer, Guid runId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.ExportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        return run is not null && await MayReadAsync(db, run, consumer, ct) ? new ExportRunOfSet(run.CuratedSetId, View(run)) : null;
    }

    /// <summary>The file to serve, or null (the endpoint answers 404) when the consumer may not have it or it does not exist.</summary>
    public async Task<ExportDownload?> OpenAsync(Guid runId, string fileName, CuratedSetConsumer consumer, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.ExportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is not { Status: ExportRunStatus.Succeeded, ExpiredAt: null, PackageFolder: { Length: > 0 } }
            || !await MayReadAsync(db, run, consumer, ct))
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

    /// <summary>
    /// Curators read every run; a member reads the runs of the sets shared with one of their organisations, and an
    /// organisation those shared with it. An export holds nothing above its ceiling, and whoever is not cleared that
    /// high (an account without a role is CLEAR, decision 0005; an organisation whose clearance was lowered after the
    /// build) still may not have it.
    /// </summary>
    private static async Task<bool> MayReadAsync(PortalDbContext db, ExportRun run, CuratedSetConsumer consumer, CancellationToken ct)
    {
        if (run.Ceiling > consumer.Clearance)
        {
            return false;
        }

        if (consumer.OrganisationId is { } organisationId)
        {
            return await db.CuratedSetReaders.AnyAsync(
                r => r.SetId == run.CuratedSetId && !r.Set!.IsArchived && r.OrganisationId == organisationId
                    && r.Organisation!.Clearance >= run.Ceiling, ct);
        }

        if (consumer.UserId is not { } userId)
        {
            return false;
        }

        if (await ReportWorkflow.IsInRoleAsync(db, userId, PortalRoles.Curator, ct))
        {
            return true;
        }

        var readsSet = await db.CuratedSetReaders.AnyAsync(
            r => r.SetId == run.CuratedSetId && !r.Set!.IsArchived
                && db.OrganisationMemberships.Any(m => m.OrganisationId == r.OrganisationId && m.UserId == userId), ct);
        return readsSet && await Clearance.OfUserAsync(db, userId, ct) >= run.Ceiling;
    }

    /// <summary>The highest run ceiling a consumer may see: its own clearance under the credential's cap.</summary>
    private static async Task<Tlp> ClearanceOfAsync(PortalDbContext db, CuratedSetConsumer consumer, CancellationToken ct)
    {
        var own = consumer.OrganisationId is { } organisationId
            ? await db.Organisations.Where(o => o.Id == organisationId).Select(o => (Tlp?)o.Clearance).SingleOrDefaultAsync(ct) ?? Tlp.Clear
            : consumer.UserId is { } userId ? await Clearance.OfUserAsync(db, userId, ct) : Tlp.Clear;
        return own < consumer.Clearance ? own : consumer.Clearance;
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
