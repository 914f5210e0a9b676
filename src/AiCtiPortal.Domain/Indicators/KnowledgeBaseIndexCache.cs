using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Indicators;

/// <summary>
/// One <see cref="KnowledgeBaseIndex"/> of every published fingerprint indicator, shared by all scans and rebuilt only
/// when that set changes. Each call asks the database for a cheap stamp (how many such indicators, and the latest
/// UpdatedAt among them); publishing, retracting, adding or deleting one moves it. Concurrent callers that find the
/// index stale share one rebuild.
/// The index holds every TLP level: callers must keep only the matches the viewer may see (ArtifactScanService does,
/// by looking the matched ids up through the viewer's visibility filter).
/// </summary>
public sealed class KnowledgeBaseIndexCache(IDbContextFactory<PortalDbContext> contexts) : IDisposable
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private Entry? _current;
    private long _rebuilds;

    /// <summary>How many times the index was built; for tests and diagnostics.</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);

    /// <summary>The indicators the index covers: published fingerprints (SHA-256, TLSH, ssdeep), at every TLP.</summary>
    public static IQueryable<Indicator> Covered(IQueryable<Indicator> indicators) =>
        KnowledgeBaseIndex.Indexed(indicators).Where(i => i.Status == ContentStatus.Published);

    public async Task<KnowledgeBaseIndex> GetAsync(CancellationToken ct = default)
    {
        IndexStamp stamp;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            stamp = await StampAsync(db, ct);
        }

        if (Volatile.Read(ref _current) is { } current && current.Stamp == stamp)
        {
            return current.Index;
        }

        await _rebuild.WaitAsync(ct);
        try
        {
            // Whoever held the lock may have built exactly this state already.
            if (_current is { } built && built.Stamp == stamp)
            {
                return built.Index;
            }

            await using var db = await contexts.CreateDbContextAsync(ct);
            var index = await KnowledgeBaseIndex.BuildAsync(Covered(db.Indicators.AsNoTracking()), ct);
            Volatile.Write(ref _current, new Entry(stamp, index));
            Interlocked.Increment(ref _rebuilds);
            return index;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    public void Dispose() => _rebuild.Dispose();

    private static async Task<IndexStamp> StampAsync(PortalDbContext db, CancellationToken ct)
    {
        var stamp = await Covered(db.Indicators)
            .GroupBy(_ => 1)
            .Select(g => new IndexStamp(g.Count(), g.Max(i => i.UpdatedAt)))
            .SingleOrDefaultAsync(ct);
        return stamp ?? new IndexStamp(0, DateTime.MinValue);
    }

    private sealed record IndexStamp(int Count, DateTime LastUpdated);

    private sealed record Entry(IndexStamp Stamp, KnowledgeBaseIndex Index);
}
