// Expected values read best as inline array literals; these tests run once, so CA1861 does not apply.
#pragma warning disable CA1861

using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Engine.Tests.Similarity;

public class MinHashSignatureTests
{
    private static HashSet<string> Range(int from, int to) =>
        Enumerable.Range(from, to - from).Select(i => $"element-{i}").ToHashSet();

    [Fact]
    public void Hashes_AreFixedValues()
    {
        // Expected values computed independently (Python: FNV-1a, murmur3 fmix32, SplitMix64 coefficients,
        // (a·h + b) mod 2^61 − 1). A change here would silently invalidate every stored signature.
        Assert.Equal(0xAB3E7C0Bu, MinHashHashing.Hash32(string.Empty));
        Assert.Equal(0x09E2DC37u, MinHashHashing.Hash32("os.system"));
        Assert.Equal(0x09E2DC37u, MinHashHashing.Hash32("os.system"u8));
        Assert.Equal(1513555651436585477UL, MinHashSignature.FromStrings(["os.system"]).Values[0]);
    }

    [Fact]
    public void Signature_DefaultsTo128SlotsAndIgnoresOrderAndDuplicates()
    {
        var a = MinHashSignature.FromStrings(["a", "b", "c"]);
        var b = MinHashSignature.FromStrings(["c", "b", "a", "a"]);
        Assert.Equal(128, a.Count);
        Assert.Equal(a, b);
        Assert.Equal(1.0, a.EstimateJaccard(b));
    }

    [Theory]
    [InlineData(0, 300, 100, 400, 0.5)] // |∩| = 200, |∪| = 400
    [InlineData(0, 200, 100, 300, 1.0 / 3)]
    [InlineData(0, 1000, 100, 1000, 0.9)]
    public void Estimate_IsWithinPointOneOfTheTrueJaccard(int a0, int a1, int b0, int b1, double expected)
    {
        var estimate = MinHashSignature.FromStrings(Range(a0, a1)).EstimateJaccard(MinHashSignature.FromStrings(Range(b0, b1)));
        Assert.InRange(estimate, expected - 0.1, expected + 0.1);
    }

    [Fact]
    public void Estimate_IsUnbiasedOverManyPairs()
    {
        var errors = Enumerable.Range(0, 40).Select(k =>
        {
            var offset = k * 1000;
            var a = MinHashSignature.FromStrings(Range(offset, offset + 300));
            var b = MinHashSignature.FromStrings(Range(offset + 100, offset + 400));
            return a.EstimateJaccard(b) - 0.5;
        }).ToList();
        Assert.InRange(errors.Average(), -0.03, 0.03);
        Assert.True(errors.All(e => Math.Abs(e) <= 0.15));
    }

    [Fact]
    public void DisjointSets_EstimateNearZero_EmptySetsMatchNothing()
    {
        Assert.True(MinHashSignature.FromStrings(Range(0, 100)).EstimateJaccard(MinHashSignature.FromStrings(Range(100, 200))) <= 0.05);
        var empty = MinHashSignature.FromStrings([]);
        Assert.True(empty.IsEmpty);
        Assert.Equal(0, empty.EstimateJaccard(MinHashSignature.FromStrings([])));
        Assert.Equal(0, empty.EstimateJaccard(MinHashSignature.FromStrings(["x"])));
    }

    [Fact]
    public void DifferentSlotCounts_AreRejected()
    {
        var a = MinHashSignature.FromStrings(["x"], 64);
        var b = MinHashSignature.FromStrings(["x"]);
        Assert.Throws<ArgumentException>(() => a.EstimateJaccard(b));
        // Slot i is the same permutation whatever the slot count, so a 64-slot signature is a prefix of a 128-slot one.
        Assert.True(a.Values.SequenceEqual(b.Values[..64]));
    }

    [Fact]
    public void Base64_RoundTripsAndRejectsMalformed()
    {
        var signature = MinHashSignature.FromStrings(Range(0, 50));
        Assert.True(MinHashSignature.TryParse(signature.ToBase64(), out var parsed));
        Assert.Equal(signature, parsed);
        Assert.Equal(signature, MinHashSignature.FromValues(signature.Values));
        Assert.False(MinHashSignature.TryParse(null, out _));
        Assert.False(MinHashSignature.TryParse("not base64!", out _));
        Assert.False(MinHashSignature.TryParse(Convert.ToBase64String(new byte[7]), out _));
        Assert.False(MinHashSignature.TryParse(Convert.ToBase64String(Enumerable.Repeat((byte)0xF0, 8).ToArray()), out _));
    }
}
