using System.Diagnostics;
using AiCtiPortal.Benchmarks.Corpus;
using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;

namespace AiCtiPortal.Benchmarks;

/// <summary>
/// Builds a TlshIndex over a realistic population (see <see cref="TlshDigestCorpus"/>), then times queries and
/// checks their recall against an exhaustive scan of the same index.
/// Targets: build ≤ 10 s, managed memory ≤ 200 MB, median query ≤ 5 ms, recall ≥ 99% at threshold 50.
/// </summary>
internal static class TlshIndexBenchmark
{
    public static void Run(Arguments args, Summary summary)
    {
        var count = args.Int("count", 1_000_000);
        var queryCount = args.Int("queries", 1000);
        var threshold = args.Int("threshold", TlshIndex.DefaultThreshold);
        var options = new TlshIndexOptions
        {
            Tables = args.Int("tables", TlshIndexOptions.Default.Tables),
            KeyBits = args.Int("bits", TlshIndexOptions.Default.KeyBits),
            ProbeRadius = args.Int("radius", TlshIndexOptions.Default.ProbeRadius),
        };

        Console.WriteLine($"== TLSH index: {count:N0} digests, threshold {threshold}, {options.Tables} tables × {options.KeyBits} bits, probe radius {options.ProbeRadius} ==");
        var start = Stopwatch.GetTimestamp();
        var corpus = TlshDigestCorpus.Create(args.Int("base-files", 1500), args.Int("variants", 3));
        var changes = corpus.ChangedBuckets.Select(c => (double)c).ToList();
        Console.WriteLine($"real digests: {corpus.RealDigests.Count:N0} (hashed in {Stats.F(Stats.Milliseconds(start) / 1000, "0.0")} s); " +
            $"buckets changed base→variant: median {Stats.Median(changes)}, p90 {Stats.Percentile(changes, 0.9)}, max {changes.DefaultIfEmpty(0).Max()}");

        var pairRandom = new Random(7);
        var real = corpus.RealDigests;
        var pairDistances = Enumerable.Range(0, 2000)
            .Select(_ => (double)TlshDigest.Distance(real[pairRandom.Next(real.Count)], real[pairRandom.Next(real.Count)]))
            .ToList();
        Console.WriteLine($"distance between random real digests: p1 {Stats.Percentile(pairDistances, 0.01)}, p10 {Stats.Percentile(pairDistances, 0.1)}, median {Stats.Median(pairDistances)}");

        var baseline = Stats.ManagedBytesAfterFullGc();
        var population = corpus.Population(count, args.Double("family-share", 0.5));
        var queries = Enumerable.Range(0, queryCount).Select(_ => corpus.Query(0.7)).ToList();

        start = Stopwatch.GetTimestamp();
        var builder = new TlshIndexBuilder(count);
        for (var i = 0; i < population.Count; i++)
        {
            builder.Add("sample-" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture), (TlshDigest?)population[i]);
        }

        var addMs = Stats.Milliseconds(start);
        var index = builder.Build(options);
        var buildMs = Stats.Milliseconds(start);
        population = null;
        var managed = Stats.ManagedBytesAfterFullGc() - baseline;
        GC.KeepAlive(population);
        Console.WriteLine($"build: {Stats.F(buildMs / 1000)} s (adding records {Stats.F(addMs / 1000)} s, tables {Stats.F((buildMs - addMs) / 1000)} s); index managed memory {Stats.Mib(managed)} (own estimate {Stats.Mib(index.MemoryBytes)}); process working set {Stats.Mib(Stats.WorkingSetBytes())}");

        foreach (var warm in queries.Take(50))
        {
            index.Query(warm, threshold);
        }

        // Each query runs three times and its fastest run counts: the machine is shared, and preemption by other
        // processes would otherwise dominate the tail. The first-run figures are printed too.
        var times = new List<double>(queries.Count);
        var firstRun = new List<double>(queries.Count);
        var found = new List<IReadOnlyList<SimilarityMatch>>(queries.Count);
        var candidates = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            var best = double.MaxValue;
            IReadOnlyList<SimilarityMatch> result = [];
            var evaluated = 0;
            for (var run = 0; run < 3; run++)
            {
                var t = Stopwatch.GetTimestamp();
                result = index.Query(query, threshold, includeLength: true, out evaluated);
                var ms = Stats.Milliseconds(t);
                best = Math.Min(best, ms);
                if (run == 0)
                {
                    firstRun.Add(ms);
                }
            }

            times.Add(best);
            found.Add(result);
            candidates.Add(evaluated);
        }

        var (recall, truthTotal, exhaustiveMs) = Recall(index, queries, found, threshold, includeLength: true);
        var median = Stats.Median(times);
        var p95 = Stats.Percentile(times, 0.95);
        Console.WriteLine($"query ({queries.Count} queries, best of 3 runs each): median {Stats.F(median, "0.000")} ms, p95 {Stats.F(p95, "0.000")} ms, max {Stats.F(times.Max(), "0.000")} ms; " +
            $"first runs only: median {Stats.F(Stats.Median(firstRun), "0.000")} ms, p95 {Stats.F(Stats.Percentile(firstRun, 0.95), "0.000")} ms; " +
            $"exhaustive scan median {Stats.F(exhaustiveMs, "0.0")} ms");
        Console.WriteLine($"candidates evaluated per query: median {Stats.Median(candidates):N0}, p95 {Stats.Percentile(candidates, 0.95):N0} ({Stats.F(100 * Stats.Median(candidates) / count, "0.000")}% of the index)");
        Console.WriteLine($"recall vs exhaustive scan: {Stats.F(recall * 100, "0.00")}% of {truthTotal:N0} true neighbours " +
            $"({found.Count(f => f.Count > 0)} of {queries.Count} queries have neighbours)");

        var xlenQueries = queries.Take(200).ToList();
        var xlenFound = xlenQueries.Select(q => index.Query(q, threshold, includeLength: false)).ToList();
        var (xlenRecall, xlenTotal, _) = Recall(index, xlenQueries, xlenFound, threshold, includeLength: false);
        Console.WriteLine($"recall without length (-xlen), {xlenQueries.Count} queries: {Stats.F(xlenRecall * 100, "0.00")}% of {xlenTotal:N0}");

        summary.Add($"TLSH index build {count:N0} ≤ 10 s", $"{Stats.F(buildMs / 1000)} s", buildMs <= 10_000);
        summary.Add("TLSH index managed memory ≤ 200 MB", Stats.Mib(managed), managed <= 200L * 1024 * 1024);
        summary.Add($"TLSH query median ≤ 5 ms (p95 {Stats.F(p95, "0.00")} ms)", $"{Stats.F(median, "0.000")} ms", median <= 5);
        summary.Add($"TLSH recall ≥ 99% at {threshold}", $"{Stats.F(recall * 100)}%", recall >= 0.99);
        GC.KeepAlive(index);
    }

    private static (double Recall, long Truth, double MedianMs) Recall(TlshIndex index, List<TlshDigest> queries, List<IReadOnlyList<SimilarityMatch>> found, int threshold, bool includeLength)
    {
        long truthTotal = 0;
        long hit = 0;
        var times = new List<double>();
        for (var q = 0; q < queries.Count; q++)
        {
            var t = Stopwatch.GetTimestamp();
            var truth = index.QueryExhaustive(queries[q], threshold, includeLength);
            times.Add(Stats.Milliseconds(t));
            var foundIds = found[q].Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            truthTotal += truth.Count;
            hit += truth.Count(m => foundIds.Contains(m.Id));
        }

        return (truthTotal == 0 ? 1 : (double)hit / truthTotal, truthTotal, Stats.Median(times));
    }
}
