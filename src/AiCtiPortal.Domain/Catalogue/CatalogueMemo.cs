using System.Collections.Concurrent;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// Results worth reusing within one <see cref="CatalogueSnapshot"/>: text matches and counts, keyed by everything
/// they depend on. It lives and dies with its snapshot, so it can never serve a result a publication has changed.
/// Concurrent requests for one key share one computation. Bounded: past its budget it starts again empty, which
/// is simple and, with keys this cheap to recompute, costs little.
/// </summary>
internal sealed class CatalogueMemo
{
    private const int MaxEntries = 10_000;
    private const long MaxBytes = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> compute, Func<T, long> bytes) where T : class
    {
        if (_entries.Count >= MaxEntries || Interlocked.Read(ref _bytes) >= MaxBytes)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }

        var entry = _entries.GetOrAdd(key, _ => new Lazy<Task<object>>(async () =>
        {
            var value = await compute();
            Interlocked.Add(ref _bytes, 64 + (2L * key.Length) + bytes(value));
            return value;
        }));
        try
        {
            return (T)await entry.Value;
        }
        catch
        {
            // A failed computation is not remembered: the next request tries again.
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<object>>>(key, entry));
            throw;
        }
    }
}
