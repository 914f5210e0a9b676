using System.Numerics;

namespace AiCtiPortal.Engine.Similarity.Indexing;

/// <summary>
/// Candidate index over ssdeep signatures. ssdeep scores two signatures 0 unless their block sizes are equal or
/// a factor of 2 apart and the parts compared share a 7-character substring (after runs of more than 3 identical
/// characters are cut to 3). So every 7-character window of part 1 is indexed under the block size, and of part 2
/// under twice the block size (part 2 is computed at 2·b); a query looks its own windows up the same way, which
/// finds exactly the pairs ssdeep would compare, and scores them with <see cref="SsdeepSignature.Compare"/>.
/// Windows are stored as 32-bit hashes in one sorted array (8 bytes per window); a hash collision only adds a
/// candidate that the real comparison then rejects.
/// </summary>
public sealed class SsdeepIndex
{
    private const int Window = 7;
    private const int MaxRun = 3;

    private readonly List<string> ids;
    private readonly List<SsdeepSignature> signatures;
    private readonly uint[] windowKeys;
    private readonly int[] windowEntries;
    private readonly Dictionary<string, List<int>> shortSignatures;

    private SsdeepIndex(List<string> ids, List<SsdeepSignature> signatures, uint[] windowKeys, int[] windowEntries, Dictionary<string, List<int>> shortSignatures, RejectionLog rejections)
    {
        this.ids = ids;
        this.signatures = signatures;
        this.windowKeys = windowKeys;
        this.windowEntries = windowEntries;
        this.shortSignatures = shortSignatures;
        Rejections = rejections;
    }

    /// <summary>Number of indexed signatures.</summary>
    public int Count => signatures.Count;

    /// <summary>Number of indexed (block size, window) occurrences.</summary>
    public int WindowCount => windowKeys.Length;

    /// <summary>Records skipped while building.</summary>
    public RejectionLog Rejections { get; }

    /// <summary>Builds an index; null signatures and empty ids are skipped and reported.</summary>
    public static SsdeepIndex Build(IEnumerable<(string Id, SsdeepSignature? Signature)> records, Action<IndexRejection>? onRejected = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        return BuildCore(records.Select(r => (r.Id, r.Signature, "missing ssdeep signature")), onRejected);
    }

    /// <summary>Builds an index from "blocksize:part1:part2" text; malformed signatures are skipped and reported.</summary>
    public static SsdeepIndex BuildFromText(IEnumerable<(string Id, string? Signature)> records, Action<IndexRejection>? onRejected = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        return BuildCore(
            records.Select(r => SsdeepSignature.TryParse(r.Signature?.Trim(), out var parsed)
                ? (r.Id, parsed, string.Empty)
                : (r.Id, (SsdeepSignature?)null, string.IsNullOrWhiteSpace(r.Signature) ? "missing ssdeep signature" : "malformed ssdeep signature")),
            onRejected);
    }

    private static SsdeepIndex BuildCore(IEnumerable<(string Id, SsdeepSignature? Signature, string MissingReason)> records, Action<IndexRejection>? onRejected)
    {
        var rejections = new RejectionLog(onRejected);
        var ids = new List<string>();
        var signatures = new List<SsdeepSignature>();
        var keys = new List<uint>();
        var entries = new List<int>();
        var shortSignatures = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var windows = new HashSet<uint>();
        long position = -1;
        foreach (var (id, signature, missingReason) in records)
        {
            position++;
            if (string.IsNullOrEmpty(id))
            {
                rejections.Reject(position, id, "empty id");
                continue;
            }

            if (signature is null)
            {
                rejections.Reject(position, id, missingReason);
                continue;
            }

            var entry = signatures.Count;
            ids.Add(id);
            signatures.Add(signature);
            windows.Clear();
            Windows(signature, windows);
            foreach (var key in windows)
            {
                keys.Add(key);
                entries.Add(entry);
            }

            if (windows.Count == 0)
            {
                // Too short to share a window: only an identical signature can score (100), so look those up whole.
                var canonical = Canonical(signature);
                if (!shortSignatures.TryGetValue(canonical, out var list))
                {
                    list = [];
                    shortSignatures[canonical] = list;
                }

                list.Add(entry);
            }
        }

        var keyArray = keys.ToArray();
        var entryArray = entries.ToArray();
        Array.Sort(keyArray, entryArray);
        return new SsdeepIndex(ids, signatures, keyArray, entryArray, shortSignatures, rejections);
    }

    /// <summary>
    /// Indexed signatures scoring at least <paramref name="minScore"/> (1-100) against <paramref name="signature"/>,
    /// best first, one match per id (its best score).
    /// </summary>
    public IReadOnlyList<SimilarityMatch> Query(SsdeepSignature signature, int minScore = 1)
    {
        ArgumentNullException.ThrowIfNull(signature);
        minScore = Math.Max(1, minScore);
        var candidates = new HashSet<int>();
        var windows = new HashSet<uint>();
        Windows(signature, windows);
        foreach (var key in windows)
        {
            var at = LowerBound(key);
            for (var i = at; i < windowKeys.Length && windowKeys[i] == key; i++)
            {
                candidates.Add(windowEntries[i]);
            }
        }

        if (windows.Count == 0 && shortSignatures.TryGetValue(Canonical(signature), out var identical))
        {
            candidates.UnionWith(identical);
        }

        var best = new Dictionary<string, (int Score, long BlockSize)>(StringComparer.Ordinal);
        foreach (var entry in candidates)
        {
            var other = signatures[entry];
            var score = SsdeepSignature.Compare(signature, other);
            if (score >= minScore && (!best.TryGetValue(ids[entry], out var previous) || previous.Score < score))
            {
                best[ids[entry]] = (score, Math.Max(signature.BlockSize, other.BlockSize));
            }
        }

        return best
            .OrderByDescending(kv => kv.Value.Score)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new SimilarityMatch(kv.Key, SimilarityKind.Ssdeep, kv.Value.Score, $"ssdeep {kv.Value.Score} at block size {kv.Value.BlockSize}"))
            .ToList();
    }

    /// <summary>The exact answer by comparing with every indexed signature; linear, for verification only.</summary>
    public IReadOnlyList<SimilarityMatch> QueryExhaustive(SsdeepSignature signature, int minScore = 1)
    {
        ArgumentNullException.ThrowIfNull(signature);
        minScore = Math.Max(1, minScore);
        var best = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var entry = 0; entry < signatures.Count; entry++)
        {
            var score = SsdeepSignature.Compare(signature, signatures[entry]);
            if (score >= minScore && (!best.TryGetValue(ids[entry], out var previous) || previous < score))
            {
                best[ids[entry]] = score;
            }
        }

        return best
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new SimilarityMatch(kv.Key, SimilarityKind.Ssdeep, kv.Value, $"ssdeep {kv.Value}"))
            .ToList();
    }

    private int LowerBound(uint key)
    {
        int lo = 0, hi = windowKeys.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (windowKeys[mid] < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Adds the window keys of both parts: part 1 under the block size, part 2 under twice it.</summary>
    private static void Windows(SsdeepSignature signature, HashSet<uint> keys)
    {
        var level = BitOperations.Log2((uint)(signature.BlockSize / 3));
        AddWindows(signature.Part1, level, keys);
        AddWindows(signature.Part2, level + 1, keys);
    }

    private static void AddWindows(string part, int level, HashSet<uint> keys)
    {
        Span<char> cut = stackalloc char[part.Length];
        var n = CutRuns(part, cut);
        for (var start = 0; start + Window <= n; start++)
        {
            // FNV-1a over the level and the 7 characters, then an avalanche mix.
            var h = (2166136261u ^ (uint)level) * 16777619u;
            for (var i = start; i < start + Window; i++)
            {
                h = (h ^ cut[i]) * 16777619u;
            }

            keys.Add(MinHashHashing.Mix32(h));
        }
    }

    /// <summary>Copies <paramref name="part"/> with runs of more than <see cref="MaxRun"/> identical characters cut to that length.</summary>
    internal static int CutRuns(ReadOnlySpan<char> part, Span<char> destination)
    {
        var n = 0;
        var run = 0;
        for (var i = 0; i < part.Length; i++)
        {
            run = i > 0 && part[i] == part[i - 1] ? run + 1 : 1;
            if (run <= MaxRun)
            {
                destination[n++] = part[i];
            }
        }

        return n;
    }

    private static string Canonical(SsdeepSignature signature)
    {
        Span<char> p1 = stackalloc char[signature.Part1.Length];
        Span<char> p2 = stackalloc char[signature.Part2.Length];
        var n1 = CutRuns(signature.Part1, p1);
        var n2 = CutRuns(signature.Part2, p2);
        return $"{signature.BlockSize}:{p1[..n1]}:{p2[..n2]}";
    }
}
