using System.Globalization;

namespace AiCtiPortal.Engine.Similarity.Indexing;

/// <summary>An indexed set: its signature and, when the caller has them, its elements (to list shared ones).</summary>
public sealed record MinHashRecord(string Id, MinHashSignature Signature, IReadOnlyCollection<string>? Elements = null);

/// <summary>
/// Locality-sensitive index over MinHash signatures: the slots are cut into b bands of r rows; two sets become
/// candidates when all rows of at least one band agree, which happens with probability 1 − (1 − J^r)^b. b and r
/// are chosen so that curve steps up around the target Jaccard threshold; candidates are then kept only when
/// their estimated Jaccard reaches the threshold.
/// </summary>
public sealed class MinHashLshIndex
{
    private const int MaxSharedListed = 5;

    private readonly List<MinHashRecord> records;
    private readonly Dictionary<ulong, List<int>>[] bands;

    private MinHashLshIndex(List<MinHashRecord> records, Dictionary<ulong, List<int>>[] bands, int slots, int rows, double threshold, RejectionLog rejections)
    {
        this.records = records;
        this.bands = bands;
        Slots = slots;
        Rows = rows;
        Threshold = threshold;
        Rejections = rejections;
    }

    /// <summary>Slots per signature; every indexed and queried signature must have this many.</summary>
    public int Slots { get; }

    /// <summary>Number of bands (b).</summary>
    public int Bands => bands.Length;

    /// <summary>Rows per band (r).</summary>
    public int Rows { get; }

    /// <summary>Target Jaccard threshold the bands were chosen for, and the default query cut-off.</summary>
    public double Threshold { get; }

    /// <summary>Number of indexed sets.</summary>
    public int Count => records.Count;

    /// <summary>Records skipped while building.</summary>
    public RejectionLog Rejections { get; }

    /// <summary>
    /// Picks b bands × r rows (b·r ≤ slots) minimising the sum of the false-positive area below the threshold
    /// and the false-negative area above it, the usual criterion for LSH parameter choice.
    /// </summary>
    public static (int Bands, int Rows) ChooseBands(double threshold, int slots = MinHashSignature.DefaultSlots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        var best = (Bands: 1, Rows: slots);
        var bestError = double.MaxValue;
        for (var b = 1; b <= slots; b++)
        {
            for (var r = 1; b * r <= slots; r++)
            {
                var error = Area(0, threshold, b, r, falsePositive: true) + Area(threshold, 1, b, r, falsePositive: false);
                if (error < bestError)
                {
                    bestError = error;
                    best = (b, r);
                }
            }
        }

        return best;
    }

    private static double Area(double from, double to, int b, int r, bool falsePositive)
    {
        const int Steps = 64;
        var width = (to - from) / Steps;
        var sum = 0.0;
        for (var i = 0; i < Steps; i++)
        {
            var s = from + ((i + 0.5) * width);
            var candidate = 1 - Math.Pow(1 - Math.Pow(s, r), b);
            sum += (falsePositive ? candidate : 1 - candidate) * width;
        }

        return sum;
    }

    /// <summary>
    /// Builds the index. Records with an empty id, a missing or empty signature, or a slot count different from
    /// the first valid record are skipped and reported.
    /// </summary>
    public static MinHashLshIndex Build(IEnumerable<MinHashRecord> records, double threshold = 0.5, Action<IndexRejection>? onRejected = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rejections = new RejectionLog(onRejected);
        var kept = new List<MinHashRecord>();
        Dictionary<ulong, List<int>>[]? bands = null;
        var slots = 0;
        var rows = 0;
        long position = -1;
        foreach (var record in records)
        {
            position++;
            if (record is null || string.IsNullOrEmpty(record.Id))
            {
                rejections.Reject(position, record?.Id, "empty id");
                continue;
            }

            if (record.Signature is null || record.Signature.IsEmpty)
            {
                rejections.Reject(position, record.Id, "empty set or missing signature");
                continue;
            }

            if (bands is null)
            {
                slots = record.Signature.Count;
                (var b, rows) = ChooseBands(threshold, slots);
                bands = new Dictionary<ulong, List<int>>[b];
                for (var i = 0; i < b; i++)
                {
                    bands[i] = [];
                }
            }
            else if (record.Signature.Count != slots)
            {
                rejections.Reject(position, record.Id, $"signature has {record.Signature.Count} slots, index uses {slots}");
                continue;
            }

            var index = kept.Count;
            kept.Add(record);
            for (var band = 0; band < bands.Length; band++)
            {
                var key = BandKey(record.Signature.Values, band, rows);
                if (!bands[band].TryGetValue(key, out var list))
                {
                    list = new List<int>(1);
                    bands[band][key] = list;
                }

                list.Add(index);
            }
        }

        if (bands is null)
        {
            var (b, r) = ChooseBands(threshold, MinHashSignature.DefaultSlots);
            bands = Enumerable.Range(0, b).Select(_ => new Dictionary<ulong, List<int>>()).ToArray();
            slots = MinHashSignature.DefaultSlots;
            rows = r;
        }

        return new MinHashLshIndex(kept, bands, slots, rows, threshold, rejections);
    }

    /// <summary>
    /// Sets whose estimated Jaccard with the query reaches <paramref name="minJaccard"/> (default: the build
    /// threshold), best first, one match per id. Pass the query's elements to have shared elements listed.
    /// </summary>
    public IReadOnlyList<SimilarityMatch> Query(MinHashSignature signature, IReadOnlyCollection<string>? elements = null, double? minJaccard = null)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.IsEmpty || signature.Count != Slots || records.Count == 0)
        {
            return [];
        }

        var cutoff = minJaccard ?? Threshold;
        var seen = new HashSet<int>();
        var best = new Dictionary<string, (double Jaccard, int Index)>(StringComparer.Ordinal);
        for (var band = 0; band < bands.Length; band++)
        {
            if (!bands[band].TryGetValue(BandKey(signature.Values, band, Rows), out var list))
            {
                continue;
            }

            foreach (var index in list)
            {
                if (!seen.Add(index))
                {
                    continue;
                }

                var record = records[index];
                var jaccard = signature.EstimateJaccard(record.Signature);
                if (jaccard >= cutoff && (!best.TryGetValue(record.Id, out var previous) || previous.Jaccard < jaccard))
                {
                    best[record.Id] = (jaccard, index);
                }
            }
        }

        return best
            .OrderByDescending(kv => kv.Value.Jaccard)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new SimilarityMatch(kv.Key, SimilarityKind.MinHash, kv.Value.Jaccard, Explain(kv.Value.Jaccard, elements, records[kv.Value.Index].Elements)))
            .ToList();
    }

    private static string Explain(double jaccard, IReadOnlyCollection<string>? query, IReadOnlyCollection<string>? indexed)
    {
        var text = "MinHash Jaccard ≈ " + jaccard.ToString("0.00", CultureInfo.InvariantCulture);
        if (query is null || indexed is null)
        {
            return text;
        }

        var lookup = indexed as ISet<string> ?? new HashSet<string>(indexed, StringComparer.Ordinal);
        var shared = query.Where(lookup.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (shared.Count == 0)
        {
            return text;
        }

        var listed = string.Join(", ", shared.Take(MaxSharedListed));
        var more = shared.Count > MaxSharedListed ? $" and {shared.Count - MaxSharedListed} more" : string.Empty;
        return $"{text} (shared: {listed}{more})";
    }

    private static ulong BandKey(ReadOnlySpan<ulong> values, int band, int rows)
    {
        // Band index is mixed in so equal rows in different bands never collide within one dictionary's semantics.
        var key = 0x9E3779B97F4A7C15UL * (ulong)(band + 1);
        foreach (var v in values.Slice(band * rows, rows))
        {
            key = (key ^ v) * 0xFF51AFD7ED558CCDUL;
            key ^= key >> 32;
        }

        return key;
    }
}
