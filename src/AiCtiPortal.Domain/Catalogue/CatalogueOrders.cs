using System.Collections.Concurrent;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// The positions of a snapshot's items in one sort order, computed the first time a search asks for that order and
/// then shared by every search of the same snapshot. A failed computation is forgotten, so the next search retries.
/// </summary>
internal sealed class CatalogueOrders<TSort>(Func<TSort, Task<int[]>> build) where TSort : struct, Enum
{
    private readonly ConcurrentDictionary<TSort, Lazy<Task<int[]>>> _orders = new();

    public async Task<int[]> GetAsync(TSort sort)
    {
        var order = _orders.GetOrAdd(sort, s => new Lazy<Task<int[]>>(() => build(s)));
        try
        {
            return await order.Value;
        }
        catch
        {
            _orders.TryRemove(new KeyValuePair<TSort, Lazy<Task<int[]>>>(sort, order));
            throw;
        }
    }
}

/// <summary>How the orders are computed: from in-memory keys, or from ids the database listed in its order.</summary>
internal static class CatalogueOrder
{
    /// <summary>Stable: positions with the same key keep their default (newest first) order, as the SQL tie-break did.</summary>
    public static int[] ByDescending(byte[] keys)
    {
        var starts = new int[257];
        foreach (var key in keys)
        {
            starts[255 - key + 1]++;
        }

        for (var i = 1; i < starts.Length; i++)
        {
            starts[i] += starts[i - 1];
        }

        var order = new int[keys.Length];
        for (var position = 0; position < keys.Length; position++)
        {
            order[starts[255 - keys[position]]++] = position;
        }

        return order;
    }

    /// <summary>Highest first, NaN (no value) last, ties in default order.</summary>
    public static int[] ByDescending(double[] keys)
    {
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var (x, y) = (keys[a], keys[b]);
            if (double.IsNaN(x) != double.IsNaN(y))
            {
                return double.IsNaN(x) ? 1 : -1;
            }

            var byKey = double.IsNaN(x) ? 0 : y.CompareTo(x);
            return byKey != 0 ? byKey : a.CompareTo(b);
        });
        return order;
    }

    /// <summary>
    /// Maps ids listed in the database's order to positions. The list may be read after the snapshot: ids it no
    /// longer has are skipped and positions the list lacks go last, so the result is always a full permutation.
    /// </summary>
    public static int[] FromIds(IEnumerable<Guid> ids, Dictionary<Guid, int> positionById)
    {
        var seen = new bool[positionById.Count];
        var order = new List<int>(positionById.Count);
        foreach (var id in ids)
        {
            if (positionById.TryGetValue(id, out var position) && !seen[position])
            {
                seen[position] = true;
                order.Add(position);
            }
        }

        for (var position = 0; position < seen.Length; position++)
        {
            if (!seen[position])
            {
                order.Add(position);
            }
        }

        return [.. order];
    }
}
