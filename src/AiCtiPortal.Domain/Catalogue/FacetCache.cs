using System.Collections.Concurrent;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// Counts of recent searches, shared by every viewer with the same clearance. Concurrent requests for one key wait
/// for a single computation instead of each scanning the table (20 readers opening /reports at once cost one scan).
/// </summary>
internal sealed class FacetCache(CatalogueSearchOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(DateTimeOffset Expires, Lazy<Task<object>> Value);

    public async Task<T> GetOrComputeAsync<T>(string key, Func<Task<T>> compute) where T : class
    {
        if (options.FacetCacheLifetime <= TimeSpan.Zero)
        {
            return await compute();
        }

        var now = clock.GetUtcNow();
        var entry = _entries.AddOrUpdate(key,
            _ => New(now, compute),
            (_, existing) => existing.Expires > now && !existing.Value.Value.IsFaulted && !existing.Value.Value.IsCanceled ? existing : New(now, compute));
        try
        {
            return (T)await entry.Value.Value;
        }
        catch
        {
            // A failed computation is not remembered: the next request tries again.
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    private Entry Create(DateTimeOffset now, Func<Task<object>> compute)
    {
        if (_entries.Count >= options.FacetCacheEntries)
        {
            foreach (var stale in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                _entries.TryRemove(stale, out _);
            }

            foreach (var oldest in _entries.OrderBy(e => e.Value.Expires).Take(Math.Max(1, _entries.Count / 10)).Select(e => e.Key).ToList())
            {
                _entries.TryRemove(oldest, out _);
            }
        }

        return new Entry(now + options.FacetCacheLifetime, new Lazy<Task<object>>(compute));
    }

    private Entry New<T>(DateTimeOffset now, Func<Task<T>> compute) where T : class =>
        Create(now, async () => (object)await compute());
}
