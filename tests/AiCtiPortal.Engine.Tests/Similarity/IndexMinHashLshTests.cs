// Expected values read best as inline array literals; these tests run once, so CA1861 does not apply.
#pragma warning disable CA1861

using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;

namespace AiCtiPortal.Engine.Tests.Similarity;

public class IndexMinHashLshTests
{
    private static HashSet<string> Set(Random random, int size, string prefix) =>
        Enumerable.Range(0, size).Select(_ => $"{prefix}{random.Next(1_000_000)}").ToHashSet();

    private static double TrueJaccard(HashSet<string> a, HashSet<string> b)
    {
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.3)]
    public void ChooseBands_PutsTheStepNearTheThreshold(double threshold)
    {
        var (bands, rows) = MinHashLshIndex.ChooseBands(threshold);
        Assert.True(bands * rows <= 128);
        // The S-curve's inflection (1/b)^(1/r) sits close to the threshold.
        Assert.InRange(Math.Pow(1.0 / bands, 1.0 / rows), threshold - 0.15, threshold + 0.15);
    }

    [Fact]
    public void Query_FindsSimilarSetsLikeBruteForce()
    {
        var random = new Random(21);
        var sets = new List<(string Id, HashSet<string> Elements, int Family)>();
        for (var f = 0; f < 100; f++)
        {
            var core = Set(random, 60, $"f{f}-");
            sets.Add(($"f{f}", core, f));
            for (var v = 0; v < 4; v++)
            {
                // Replace a varying share of the elements: Jaccard to the core from ~0.9 down to ~0.3.
                var keep = core.Where(_ => random.NextDouble() > v * 0.15).ToHashSet();
                keep.UnionWith(Set(random, core.Count - keep.Count, $"f{f}v{v}-"));
                sets.Add(($"f{f}v{v}", keep, f));
            }
        }

        var signatures = sets.ToDictionary(s => s.Id, s => MinHashSignature.FromStrings(s.Elements));
        var index = MinHashLshIndex.Build(sets.Select(s => new MinHashRecord(s.Id, signatures[s.Id], s.Elements)), threshold: 0.5);
        long truth = 0, found = 0;
        foreach (var (id, elements, family) in sets)
        {
            var result = index.Query(signatures[id], elements).ToDictionary(m => m.Id);
            // Every returned estimate reaches the threshold and equals the signature estimate.
            Assert.All(result.Values, m => Assert.Equal(signatures[id].EstimateJaccard(signatures[m.Id]), m.Score));
            Assert.All(result.Values, m => Assert.True(m.Score >= 0.5));
            // Element names carry the family, so sets of different families share nothing.
            foreach (var other in sets.Where(o => o.Family == family && TrueJaccard(elements, o.Elements) >= 0.65))
            {
                truth++;
                found += result.ContainsKey(other.Id) ? 1 : 0;
            }
        }

        Assert.True(found >= 0.97 * truth, $"found {found} of {truth} pairs with Jaccard ≥ 0.65");
    }

    [Fact]
    public void Explanation_ListsSharedElements()
    {
        string[] a = ["os.system", "posix.system", "builtins.eval", "subprocess.Popen"];
        string[] b = ["os.system", "posix.system", "builtins.eval", "socket.socket"];
        var index = MinHashLshIndex.Build([new MinHashRecord("model-1", MinHashSignature.FromStrings(a), a)], threshold: 0.3);
        var match = Assert.Single(index.Query(MinHashSignature.FromStrings(b), b, minJaccard: 0.3));
        Assert.Equal(SimilarityKind.MinHash, match.Kind);
        Assert.StartsWith("MinHash Jaccard ≈ 0.", match.Explanation, StringComparison.Ordinal);
        Assert.EndsWith("(shared: builtins.eval, os.system, posix.system)", match.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("shared", index.Query(MinHashSignature.FromStrings(b), minJaccard: 0.3)[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void EdgeCases_EmptyMalformedAndDuplicates()
    {
        var x = MinHashSignature.FromStrings(["x", "y"]);
        Assert.Empty(MinHashLshIndex.Build([]).Query(x));

        var reported = new List<IndexRejection>();
        var index = MinHashLshIndex.Build(
            [
                new MinHashRecord("a", x),
                new MinHashRecord("a", x),
                new MinHashRecord("empty", MinHashSignature.FromStrings([])),
                new MinHashRecord("slots", MinHashSignature.FromStrings(["x"], 64)),
                new MinHashRecord("", x),
                null!,
            ],
            onRejected: reported.Add);
        Assert.Equal(2, index.Count);
        Assert.Equal(4, reported.Count);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, reported.Select(r => r.Position));
        var match = Assert.Single(index.Query(x));
        Assert.Equal(("a", 1.0), (match.Id, match.Score));
        Assert.Empty(index.Query(MinHashSignature.FromStrings([])));
        Assert.Empty(index.Query(MinHashSignature.FromStrings(["x"], 64)));
    }
}
