using System.Buffers;

namespace AiCtiPortal.Engine.Similarity.Indexing;

/// <summary>
/// Near-neighbour index over TLSH digests: finds the indexed digests within a distance threshold of a query
/// without scanning them all. Candidates come from <see cref="TlshIndexOptions.Tables"/> locality-sensitive
/// tables (see <see cref="TlshLshTable"/>) probed with every key at Hamming distance ≤ the probe radius; each
/// candidate's exact distance is then computed with a byte-pair lookup table and early exit. Digests are stored
/// packed (36 bytes each), ids as UTF-8. Queries are thread-safe; the index is immutable once built.
/// Recall is probabilistic (measured ≥ 99% at the default threshold of 50); <see cref="QueryExhaustive"/> gives
/// the exact answer by a linear scan, for verification.
/// </summary>
public sealed class TlshIndex
{
    /// <summary>Default distance threshold: TLSH's usual cut-off for "related".</summary>
    public const int DefaultThreshold = 50;

    private readonly byte[] records;
    private readonly CompactStringStore ids;
    private readonly TlshLshTable[] tables;

    internal TlshIndex(byte[] records, CompactStringStore ids, TlshLshTable[] tables, TlshIndexOptions options, RejectionLog rejections)
    {
        this.records = records;
        this.ids = ids;
        this.tables = tables;
        Options = options;
        Rejections = rejections;
    }

    /// <summary>Number of indexed digests.</summary>
    public int Count => ids.Count;

    /// <summary>Options the index was built with.</summary>
    public TlshIndexOptions Options { get; }

    /// <summary>Records skipped while building.</summary>
    public RejectionLog Rejections { get; }

    /// <summary>Approximate bytes held by the index (records, ids and tables).</summary>
    public long MemoryBytes => records.LongLength + ids.MemoryBytes + tables.Sum(t => t.MemoryBytes);

    /// <summary>Builds an index from (id, digest) records; null digests and empty ids are skipped and reported.</summary>
    public static TlshIndex Build(IEnumerable<(string Id, TlshDigest? Digest)> records, TlshIndexOptions? options = null, Action<IndexRejection>? onRejected = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var builder = new TlshIndexBuilder(records.TryGetNonEnumeratedCount(out var n) ? n : 1024, onRejected);
        foreach (var (id, digest) in records)
        {
            builder.Add(id, digest);
        }

        return builder.Build(options);
    }

    /// <summary>Builds an index from (id, digest) records.</summary>
    public static TlshIndex Build(IEnumerable<(string Id, TlshDigest Digest)> records, TlshIndexOptions? options = null, Action<IndexRejection>? onRejected = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        return Build(records.Select(r => (r.Id, (TlshDigest?)r.Digest)), options, onRejected);
    }

    /// <summary>Builds an index from digests in text form; malformed digests are skipped and reported.</summary>
    public static TlshIndex BuildFromText(IEnumerable<(string Id, string? Digest)> records, TlshIndexOptions? options = null, Action<IndexRejection>? onRejected = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var builder = new TlshIndexBuilder(records.TryGetNonEnumeratedCount(out var n) ? n : 1024, onRejected);
        foreach (var (id, digest) in records)
        {
            builder.Add(id, digest);
        }

        return builder.Build(options);
    }

    /// <summary>Id of the entry at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public string GetId(int index) => ids[index];

    /// <summary>Digest of the entry at <paramref name="index"/>.</summary>
    public TlshDigest GetDigest(int index) => TlshDistanceKernel.Unpack(Record(index));

    /// <summary>
    /// Indexed digests within <paramref name="threshold"/> (inclusive) of <paramref name="digest"/>, closest first,
    /// one match per id (its closest digest). A negative threshold or an empty index gives no matches.
    /// </summary>
    public IReadOnlyList<SimilarityMatch> Query(in TlshDigest digest, int threshold = DefaultThreshold, bool includeLength = true) =>
        Query(digest, threshold, includeLength, out _);

    /// <summary>
    /// As <see cref="Query(in TlshDigest, int, bool)"/>, also reporting how many distinct candidates had their
    /// distance computed (the query's cost driver; for diagnostics and benchmarks).
    /// </summary>
    public IReadOnlyList<SimilarityMatch> Query(in TlshDigest digest, int threshold, bool includeLength, out int candidatesEvaluated)
    {
        candidatesEvaluated = 0;
        if (threshold < 0 || Count == 0)
        {
            return [];
        }

        Span<byte> query = stackalloc byte[TlshDistanceKernel.RecordSize];
        TlshDistanceKernel.Pack(digest, query);
        var hits = new List<(int Index, int Distance)>();
        var words = (Count + 63) >> 6;
        var visited = ArrayPool<ulong>.Shared.Rent(words);
        try
        {
            Array.Clear(visited, 0, words);
            ReadOnlySpan<byte> body = query[4..];
            foreach (var table in tables)
            {
                var key = table.Key(body);
                candidatesEvaluated += Probe(table.Entries(key), query, threshold, includeLength, visited, hits);
                if (Options.ProbeRadius == 0)
                {
                    continue;
                }

                for (var a = 0; a < table.KeyBits; a++)
                {
                    var once = key ^ (1u << a);
                    candidatesEvaluated += Probe(table.Entries(once), query, threshold, includeLength, visited, hits);
                    for (var b = a + 1; Options.ProbeRadius >= 2 && b < table.KeyBits; b++)
                    {
                        candidatesEvaluated += Probe(table.Entries(once ^ (1u << b)), query, threshold, includeLength, visited, hits);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(visited);
        }

        return ToMatches(hits, includeLength);
    }

    /// <summary>
    /// The exact answer by comparing the query with every indexed digest. Linear in the index size: meant for
    /// verifying recall and for small indexes, not for serving queries.
    /// </summary>
    public IReadOnlyList<SimilarityMatch> QueryExhaustive(in TlshDigest digest, int threshold = DefaultThreshold, bool includeLength = true)
    {
        if (threshold < 0 || Count == 0)
        {
            return [];
        }

        Span<byte> query = stackalloc byte[TlshDistanceKernel.RecordSize];
        TlshDistanceKernel.Pack(digest, query);
        var hits = new List<(int Index, int Distance)>();
        for (var i = 0; i < Count; i++)
        {
            var distance = TlshDistanceKernel.Distance(query, Record(i), includeLength, threshold);
            if (distance <= threshold)
            {
                hits.Add((i, distance));
            }
        }

        return ToMatches(hits, includeLength);
    }

    private int Probe(ReadOnlySpan<int> row, ReadOnlySpan<byte> query, int threshold, bool includeLength, ulong[] visited, List<(int Index, int Distance)> hits)
    {
        var evaluated = 0;
        foreach (var index in row)
        {
            ref var word = ref visited[index >> 6];
            var bit = 1UL << index;
            if ((word & bit) != 0)
            {
                continue;
            }

            word |= bit;
            evaluated++;
            var distance = TlshDistanceKernel.Distance(query, Record(index), includeLength, threshold);
            if (distance <= threshold)
            {
                hits.Add((index, distance));
            }
        }

        return evaluated;
    }

    private ReadOnlySpan<byte> Record(int index) =>
        records.AsSpan(index * TlshDistanceKernel.RecordSize, TlshDistanceKernel.RecordSize);

    private List<SimilarityMatch> ToMatches(List<(int Index, int Distance)> hits, bool includeLength)
    {
        var best = new Dictionary<string, int>(hits.Count, StringComparer.Ordinal);
        foreach (var (index, distance) in hits)
        {
            var id = ids[index];
            if (!best.TryGetValue(id, out var previous) || distance < previous)
            {
                best[id] = distance;
            }
        }

        var suffix = includeLength ? "(length included)" : "(length ignored)";
        return best
            .OrderBy(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new SimilarityMatch(kv.Key, SimilarityKind.Tlsh, kv.Value, $"TLSH distance {kv.Value} {suffix}"))
            .ToList();
    }
}
