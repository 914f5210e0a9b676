using System.Diagnostics;
using AiCtiPortal.Benchmarks.Corpus;
using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;

namespace AiCtiPortal.Benchmarks;

/// <summary>Brief figures for the ssdeep and MinHash LSH indexes: build time, memory, query time, recall.</summary>
internal static class SimilarityIndexBenchmark
{
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static void Run(Arguments args, Summary summary)
    {
        RunSsdeep(args.Int("ssdeep-count", 100_000), Math.Min(200, args.Int("queries", 1000)), summary);
        RunMinHash(args.Int("minhash-count", 100_000), Math.Min(200, args.Int("queries", 1000)), summary);
    }

    /// <summary>
    /// Population: real signatures of synthetic files and their variants, then families synthesised by editing a
    /// few characters of real signatures (what small file edits do to a CTPH), then random signatures.
    /// </summary>
    private static void RunSsdeep(int count, int queryCount, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine($"== ssdeep index: {count:N0} signatures ==");
        var random = new Random(99);
        var real = new List<SsdeepSignature>();
        for (var f = 0; f < 500; f++)
        {
            var file = SyntheticFiles.Create(random, random.Next(4096, 200_000));
            real.Add(SsdeepHasher.Compute(file));
            for (var v = 0; v < 3; v++)
            {
                real.Add(SsdeepHasher.Compute(SyntheticFiles.Mutate(random, file, 0.01 + (random.NextDouble() * 0.1))));
            }
        }

        var population = new List<SsdeepSignature>(real);
        while (population.Count < count / 2)
        {
            population.Add(Edit(random, real[random.Next(real.Count)]));
        }

        while (population.Count < count)
        {
            population.Add(new SsdeepSignature(3 << random.Next(4, 14), RandomPart(random, random.Next(20, 65)), RandomPart(random, random.Next(10, 33))));
        }

        var baseline = Stats.ManagedBytesAfterFullGc();
        var start = Stopwatch.GetTimestamp();
        var index = SsdeepIndex.Build(population.Select((s, i) => ($"ss-{i}", (SsdeepSignature?)s)));
        var buildMs = Stats.Milliseconds(start);
        var managed = Stats.ManagedBytesAfterFullGc() - baseline;
        var queries = Enumerable.Range(0, queryCount).Select(q => q % 4 == 3
            ? new SsdeepSignature(3 << random.Next(4, 14), RandomPart(random, 60), RandomPart(random, 30))
            : Edit(random, real[random.Next(real.Count)])).ToList();
        var times = new List<double>();
        long truth = 0, found = 0;
        foreach (var query in queries)
        {
            var t = Stopwatch.GetTimestamp();
            var result = index.Query(query).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            times.Add(Stats.Milliseconds(t));
            var exact = index.QueryExhaustive(query);
            truth += exact.Count;
            found += exact.Count(m => result.Contains(m.Id));
        }

        var recall = truth == 0 ? 1 : (double)found / truth;
        Console.WriteLine($"build {Stats.F(buildMs / 1000)} s, {index.WindowCount:N0} windows, index managed memory {Stats.Mib(managed)} (signature objects shared with the caller); " +
            $"query median {Stats.F(Stats.Median(times), "0.000")} ms, p95 {Stats.F(Stats.Percentile(times, 0.95), "0.000")} ms; " +
            $"recall vs exhaustive {Stats.F(recall * 100)}% of {truth:N0}");
        summary.Add("ssdeep index recall = 100% (exact candidates)", $"{Stats.F(recall * 100)}%", recall >= 1);
        GC.KeepAlive(index);
    }

    private static SsdeepSignature Edit(Random random, SsdeepSignature source)
    {
        static string EditPart(Random random, string part)
        {
            var chars = part.ToCharArray();
            for (var e = random.Next(0, 4); e > 0 && chars.Length > 0; e--)
            {
                chars[random.Next(chars.Length)] = Base64[random.Next(64)];
            }

            return new string(chars);
        }

        return new SsdeepSignature(source.BlockSize, EditPart(random, source.Part1), EditPart(random, source.Part2));
    }

    private static string RandomPart(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => Base64[random.Next(64)]).ToArray());

    /// <summary>
    /// Population: import-name sets like those of pickles: families sharing a core of names with some swapped
    /// out, drawn from a vocabulary with a Zipf-like popularity (a few names such as builtins.getattr are common).
    /// </summary>
    private static void RunMinHash(int count, int queryCount, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine($"== MinHash LSH index: {count:N0} sets, threshold 0.5 ==");
        var random = new Random(7);
        var vocabulary = Enumerable.Range(0, 20_000).Select(i => $"module{i % 700}.name{i}").ToArray();
        string Word() => vocabulary[(int)(vocabulary.Length * Math.Pow(random.NextDouble(), 2.5))];
        var sets = new List<string[]>(count);
        while (sets.Count < count)
        {
            var core = Enumerable.Range(0, random.Next(5, 60)).Select(_ => Word()).Distinct().ToArray();
            sets.Add(core);
            for (var v = random.Next(0, 8); v > 0 && sets.Count < count; v--)
            {
                sets.Add(core.Where(_ => random.NextDouble() > 0.2).Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => Word())).Distinct().ToArray());
            }
        }

        var signatures = sets.Select(s => MinHashSignature.FromStrings(s)).ToList();
        var start = Stopwatch.GetTimestamp();
        var index = MinHashLshIndex.Build(signatures.Select((s, i) => new MinHashRecord($"set-{i}", s)), threshold: 0.5);
        var buildMs = Stats.Milliseconds(start);
        var times = new List<double>();
        long truth = 0, found = 0;
        for (var q = 0; q < queryCount; q++)
        {
            var query = signatures[random.Next(signatures.Count)];
            var t = Stopwatch.GetTimestamp();
            var result = index.Query(query).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            times.Add(Stats.Milliseconds(t));
            for (var i = 0; i < signatures.Count; i++)
            {
                if (query.EstimateJaccard(signatures[i]) >= 0.7)
                {
                    truth++;
                    found += result.Contains($"set-{i}") ? 1 : 0;
                }
            }
        }

        var recall = truth == 0 ? 1 : (double)found / truth;
        Console.WriteLine($"{index.Bands} bands × {index.Rows} rows; build {Stats.F(buildMs / 1000)} s (signatures precomputed); " +
            $"query median {Stats.F(Stats.Median(times), "0.000")} ms, p95 {Stats.F(Stats.Percentile(times, 0.95), "0.000")} ms; " +
            $"recall of pairs with estimated Jaccard ≥ 0.7: {Stats.F(recall * 100)}% of {truth:N0}");
        summary.Add("MinHash LSH recall at J ≥ 0.7 ≥ 95%", $"{Stats.F(recall * 100)}%", recall >= 0.95);
    }
}
