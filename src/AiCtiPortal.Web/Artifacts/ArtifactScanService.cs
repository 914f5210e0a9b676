using AiCtiPortal.Domain.Artifacts;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Engine.Artifacts;
using AiCtiPortal.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Web.Artifacts;

/// <summary>
/// Scans an uploaded artifact: streams it to a scratch file under &lt;DataFolder&gt;/scans (never whole in memory),
/// refuses it as soon as it passes <see cref="ScanningOptions.MaxUploadBytes"/>, runs the engine's static scanner and
/// matches the fingerprint against the knowledge base the viewer may see. The scratch file is always deleted.
/// The policy is the curators' current version (<see cref="ScanPolicyStore"/>) and the index the shared cached one
/// (<see cref="KnowledgeBaseIndexCache"/>).
/// </summary>
public sealed class ArtifactScanService(
    PortalDatabaseSettings settings,
    IOptions<ScanningOptions> options,
    IDbContextFactory<PortalDbContext> contexts,
    ScanPolicyStore policies,
    KnowledgeBaseIndexCache knowledgeBase,
    ILogger<ArtifactScanService> logger)
{
    private const int ChunkSize = 1 << 16;

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public string ScratchFolder => Path.Combine(settings.DataFolder, "scans");

    /// <param name="progress">Bytes received so far, reported after every chunk.</param>
    /// <exception cref="UploadTooLargeException">The upload passed the limit; nothing of it is kept.</exception>
    public async Task<ArtifactScanResult> ScanAsync(
        Stream upload, string fileName, Viewer viewer, IProgress<long>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(viewer);
        // Read first: the verdict names the version that judged it, even if a curator saves another meanwhile.
        var policy = await policies.CurrentAsync(ct);
        var scanOptions = ScanOptions.Default with { Policy = policy.Policy };
        Directory.CreateDirectory(ScratchFolder);
        // The scratch name is ours alone: the uploader's file name never reaches the file system.
        var path = Path.Combine(ScratchFolder, Guid.NewGuid().ToString("N"));
        try
        {
            await CopyWithLimitAsync(upload, path, progress, ct);
            // The scanner is synchronous and CPU-bound; keep it off the request or circuit thread.
            var report = await Task.Run(() => ArtifactScanner.ScanFile(path, scanOptions), ct);
            report = report with { Name = DisplayName(fileName) };
            var matches = report.Sha256 is null ? [] : await MatchAsync(report, viewer, ct);
            return new ArtifactScanResult(report.Name, report, matches, policy.Number);
        }
        finally
        {
            DeleteScratch(path);
        }
    }

    /// <summary>The upload's own name without any folder part, for display only.</summary>
    public static string DisplayName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/').Trim());
        return string.IsNullOrWhiteSpace(name) ? "upload" : name;
    }

    private async Task CopyWithLimitAsync(Stream upload, string path, IProgress<long>? progress, CancellationToken ct)
    {
        var limit = MaxUploadBytes;
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, ChunkSize, useAsync: true);
        var buffer = new byte[ChunkSize];
        long total = 0;
        int read;
        while ((read = await upload.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new UploadTooLargeException(limit);
            }

            await file.WriteAsync(buffer.AsMemory(0, read), ct);
            progress?.Report(total);
        }
    }

    /// <summary>
    /// Matches against the shared index of every published fingerprint, then keeps only the hits the viewer may see:
    /// the matched ids are looked up through the viewer's visibility filter, so an indicator above their TLP
    /// clearance never reaches the result. Every index query is threshold-based (no top-k), so a hidden match never
    /// displaces a visible one.
    /// </summary>
    private async Task<IReadOnlyList<KnowledgeBaseMatch>> MatchAsync(ScanReport report, Viewer viewer, CancellationToken ct)
    {
        var index = await knowledgeBase.GetAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var visible = db.Indicators.AsNoTracking().VisibleTo(viewer).Where(i => i.Status == ContentStatus.Published);
        var hits = index.Match(report.Sha256, report.Fingerprint?.Tlsh, report.Fingerprint?.Ssdeep);
        if (hits.Count == 0)
        {
            return [];
        }

        var ids = hits.Select(h => Guid.Parse(h.Id)).Distinct().ToList();
        var indicators = await visible.Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Type, i.Value })
            .ToDictionaryAsync(i => i.Id, ct);
        return hits
            .Where(h => indicators.ContainsKey(Guid.Parse(h.Id)))
            .Select(h =>
            {
                var indicator = indicators[Guid.Parse(h.Id)];
                return new KnowledgeBaseMatch(indicator.Id, indicator.Type, indicator.Value, h.Kind, h.Score, h.Explanation);
            })
            .ToList();
    }

    private void DeleteScratch(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Never fail the scan over cleanup, but say so: a file left here is an upload nobody asked us to keep.
            logger.LogError(e, "Could not delete the scan scratch file {Path}", path);
        }
    }
}
