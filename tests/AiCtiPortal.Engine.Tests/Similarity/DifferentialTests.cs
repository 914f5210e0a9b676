using System.Diagnostics;
using AiCtiPortal.Engine.Similarity;
using Xunit.Abstractions;

namespace AiCtiPortal.Engine.Tests.Similarity;

/// <summary>
/// Generates a varied corpus (sizes from 0 bytes to 200 MiB, random, text, edited copies, degenerate inputs) and
/// compares every digest, TLSH distance (with and without length) and ssdeep score with Debian's tools.
/// Requires tlsh-tools and ssdeep on PATH: fails with a clear message when they are missing.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const string LargeSpec = "rand:99:209715200";

    private static IEnumerable<string> Specs()
    {
        long[] sizes = [0, 1, 3, 7, 20, 49, 50, 64, 100, 191, 193, 255, 256, 257, 500, 1000, 3071, 4096, 6145, 10000, 30000, 100000, 300000, 1_000_000, 3_000_000, 8_000_000];
        for (int i = 0; i < sizes.Length; i++)
        {
            yield return $"rand:{100 + i}:{sizes[i]}";
            yield return $"text:{200 + i}:{sizes[i]}";
        }

        foreach (int length in new[] { 2000, 20000, 300000 })
        {
            foreach (int edits in new[] { 1, 3, 10, 30, 100 })
            {
                yield return $"mut:{length}:{length}:{edits}";
            }

            yield return $"text:{length}:{length}";
        }

        yield return "low:301:40000";
        yield return "rep:ABCDEFGHIJ:5000";
        yield return "rep:0123456789abcdefghijklmnopqrstuvwxyz:250000";
        yield return "zeros:70000";
        yield return "alpha:1000000";
        yield return LargeSpec;
    }

    [Fact]
    public async Task Engine_matches_the_reference_tools_on_a_generated_corpus()
    {
        ReferenceTools.RequireAvailable();
        string dir = Directory.CreateTempSubdirectory("aicti-differential-").FullName;
        try
        {
            var watch = Stopwatch.StartNew();
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string spec in Specs())
            {
                string name = TestCorpus.FileName(spec);
                names[name] = spec;
                using var file = File.Create(Path.Combine(dir, name));
                TestCorpus.Write(spec, file);
            }

            output.WriteLine($"corpus of {names.Count} files written in {watch.Elapsed}");

            // The tools and the engine each read the corpus once; run them side by side.
            var tlshTask = Task.Run(() => ReferenceTools.TlshDigests(dir));
            var ssdeepTask = Task.Run(() => ReferenceTools.SsdeepSignatures(dir));
            var mine = names.Keys.ToDictionary(n => n, n => Fingerprinter.ComputeFile(Path.Combine(dir, n), TlshProfile.Legacy));
            var tlsh = await tlshTask;
            var ssdeep = await ssdeepTask;
            output.WriteLine($"hashed in {watch.Elapsed}");

            foreach (var (name, spec) in names)
            {
                Assert.Equal((spec, tlsh[name]), (spec, mine[name].Tlsh?.ToLegacyString()));
                Assert.Equal((spec, ssdeep[name]), (spec, mine[name].Ssdeep.ToString()));
                Assert.Equal((spec, new FileInfo(Path.Combine(dir, name)).Length), (spec, mine[name].Length));
            }

            var defined = tlsh.Where(t => t.Value is not null).Select(t => (t.Key, t.Value!)).ToList();
            var withLength = ReferenceTools.TlshDistances(defined, includeLength: true);
            var withoutLength = ReferenceTools.TlshDistances(defined, includeLength: false);
            var scores = ReferenceTools.SsdeepScores(ssdeep.Select(s => (s.Key, s.Value)));
            int compared = 0;
            foreach (var ((a, b), expected) in withLength)
            {
                var x = mine[a].Tlsh!.Value;
                var y = mine[b].Tlsh!.Value;
                Assert.Equal((a, b, expected), (a, b, TlshDigest.Distance(x, y)));
                Assert.Equal((a, b, withoutLength[(a, b)]), (a, b, TlshDigest.Distance(x, y, includeLength: false)));
                compared++;
            }

            foreach (var ((a, b), expected) in scores)
            {
                Assert.Equal((a, b, expected), (a, b, SsdeepSignature.Compare(mine[a].Ssdeep, mine[b].Ssdeep)));
            }

            Assert.Equal(defined.Count * (defined.Count - 1), compared);
            Assert.Equal(names.Count * (names.Count - 1), scores.Count);
            Assert.Contains(scores.Values, s => s is > 0 and < 100);
            output.WriteLine($"{compared} TLSH and {scores.Count} ssdeep comparisons checked in {watch.Elapsed}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
