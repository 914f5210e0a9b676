// Expected values read best as inline array literals; these tests run once, so CA1861 does not apply.
#pragma warning disable CA1861

using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;

namespace AiCtiPortal.Engine.Tests.Similarity;

public class IndexTlshTests
{
    /// <summary>
    /// Synthetic population: random roots, each with a family of variants whose bucket codes moved by ±1 in up to
    /// 40 places (plus header steps), so sibling pairs spread over the whole 0-50 range and beyond; plus unrelated
    /// random digests.
    /// </summary>
    private static List<TlshDigest> Population(Random random, int families, int familySize, int unrelated)
    {
        var result = new List<TlshDigest>();
        for (var f = 0; f < families; f++)
        {
            var root = RandomDigest(random);
            result.Add(root);
            for (var v = 1; v < familySize; v++)
            {
                result.Add(Variant(random, root, random.Next(0, 40)));
            }
        }

        for (var u = 0; u < unrelated; u++)
        {
            result.Add(RandomDigest(random));
        }

        return result;
    }

    internal static TlshDigest RandomDigest(Random random)
    {
        Span<byte> body = stackalloc byte[TlshDigest.BodyLength];
        random.NextBytes(body);
        return new TlshDigest((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(16), (byte)random.Next(16), body);
    }

    internal static TlshDigest Variant(Random random, in TlshDigest root, int changes)
    {
        Span<byte> body = stackalloc byte[TlshDigest.BodyLength];
        root.Body.CopyTo(body);
        for (var c = 0; c < changes; c++)
        {
            var bucket = random.Next(128);
            var shift = 2 * (bucket % 4);
            var code = (body[bucket / 4] >> shift) & 3;
            var next = code == 0 ? 1 : code == 3 ? 2 : code + (random.Next(2) == 0 ? 1 : -1);
            body[bucket / 4] = (byte)((body[bucket / 4] & ~(3 << shift)) | (next << shift));
        }

        var length = random.Next(5) == 0 ? (byte)(root.LengthCode + 1) : root.LengthCode;
        var q1 = random.Next(6) == 0 ? (byte)((root.Q1Ratio + 1) & 15) : root.Q1Ratio;
        return new TlshDigest((byte)random.Next(256), length, q1, root.Q2Ratio, body);
    }

    private static List<(string Id, TlshDigest Digest)> WithIds(List<TlshDigest> digests) =>
        digests.Select((d, i) => ($"s{i}", d)).ToList();

    [Fact]
    public void Distance_MatchesTlshDigestDistance()
    {
        var random = new Random(1);
        var records = WithIds(Population(random, 50, 10, 200));
        var index = TlshIndex.Build(records);
        for (var q = 0; q < 40; q++)
        {
            var query = q % 2 == 0 ? Variant(random, records[random.Next(records.Count)].Digest, random.Next(30)) : RandomDigest(random);
            foreach (var includeLength in new[] { true, false })
            {
                var expected = records
                    .Select(r => (r.Id, Distance: TlshDigest.Distance(query, r.Digest, includeLength)))
                    .Where(r => r.Distance <= 400)
                    .ToDictionary(r => r.Id, r => r.Distance);
                var exhaustive = index.QueryExhaustive(query, 400, includeLength);
                Assert.Equal(expected.Count, exhaustive.Count);
                Assert.All(exhaustive, m => Assert.Equal(expected[m.Id], (int)m.Score));
            }
        }
    }

    [Fact]
    public void Distance_MatchesForRealDigests()
    {
        var random = new Random(2);
        var data = new byte[4096];
        random.NextBytes(data);
        var digests = new List<TlshDigest>();
        for (var i = 0; i < 20; i++)
        {
            var copy = (byte[])data.Clone();
            for (var j = 0; j < i * 40; j++)
            {
                copy[random.Next(copy.Length)] = (byte)(j % 7);
            }

            digests.Add(TlshHasher.Compute(copy)!.Value);
        }

        var index = TlshIndex.Build(WithIds(digests));
        foreach (var query in digests)
        {
            var matches = index.QueryExhaustive(query, 1000).ToDictionary(m => m.Id, m => (int)m.Score);
            for (var i = 0; i < digests.Count; i++)
            {
                Assert.Equal(TlshDigest.Distance(query, digests[i]), matches[$"s{i}"]);
            }
        }
    }

    [Fact]
    public void Query_RecallAgainstBruteForce_IsAtLeast99Percent_On20000Digests()
    {
        var random = new Random(3);
        var digests = Population(random, families: 500, familySize: 20, unrelated: 10_000);
        var index = TlshIndex.Build(WithIds(digests));
        Assert.Equal(20_000, index.Count);
        long truth = 0, found = 0;
        for (var q = 0; q < 300; q++)
        {
            var query = q % 3 == 2 ? RandomDigest(random) : Variant(random, digests[random.Next(10_000)], random.Next(0, 25));
            var exact = index.QueryExhaustive(query);
            var fast = index.Query(query).Select(m => m.Id).ToHashSet();
            truth += exact.Count;
            found += exact.Count(m => fast.Contains(m.Id));
            // Everything returned is a true neighbour with its exact distance.
            var exactIds = exact.ToDictionary(m => m.Id, m => m.Score);
            Assert.All(index.Query(query), m => Assert.Equal(exactIds[m.Id], m.Score));
        }

        Assert.True(truth > 1000, $"only {truth} true neighbours: the test data is too sparse");
        Assert.True(found >= 0.99 * truth, $"recall {(double)found / truth:P2} of {truth}");
    }

    [Fact]
    public void Query_ExplainsAndSortsByDistance()
    {
        var random = new Random(4);
        var root = RandomDigest(random);
        var near = Variant(random, root, 5);
        var index = TlshIndex.Build(new List<(string, TlshDigest)> { ("root", root), ("near", near), ("far", RandomDigest(random)) });
        var matches = index.Query(root);
        Assert.Equal("root", matches[0].Id);
        Assert.Equal(0, matches[0].Score);
        Assert.Equal(SimilarityKind.Tlsh, matches[0].Kind);
        Assert.Equal("TLSH distance 0 (length included)", matches[0].Explanation);
        Assert.Equal("near", matches[1].Id);
        Assert.Equal(TlshDigest.Distance(root, near), matches[1].Score);
        Assert.DoesNotContain(matches, m => m.Id == "far");
        Assert.EndsWith("(length ignored)", index.Query(root, 50, includeLength: false)[0].Explanation);
    }

    [Fact]
    public void EdgeCases_EmptyIndexThresholdZeroAndDuplicateIds()
    {
        var random = new Random(5);
        var a = RandomDigest(random);
        var empty = TlshIndex.Build(Array.Empty<(string, TlshDigest)>());
        Assert.Equal(0, empty.Count);
        Assert.Empty(empty.Query(a));

        var b = Variant(random, a, 3);
        var index = TlshIndex.Build(new List<(string, TlshDigest)> { ("x", a), ("x", b), ("y", a), ("z", b) });
        Assert.Equal(new[] { "x", "y" }, index.Query(a, 0).Select(m => m.Id));
        Assert.Empty(index.Query(a, -1));
        // Duplicate ids: one match per id, at its closest digest.
        var matches = index.Query(b);
        Assert.Single(matches, m => m.Id == "x");
        Assert.Equal(0, matches.Single(m => m.Id == "x").Score);
    }

    [Fact]
    public void MalformedRecords_AreSkippedAndReported()
    {
        var random = new Random(6);
        var good = RandomDigest(random);
        var reported = new List<IndexRejection>();
        var index = TlshIndex.BuildFromText(
            [
                ("ok", good.ToString()),
                ("legacy", good.ToLegacyString().ToLowerInvariant()),
                ("short", "T1ABCD"),
                ("hex", "T1" + new string('Z', 70)),
                ("none", null),
                ("", good.ToString()),
            ],
            onRejected: reported.Add);
        Assert.Equal(2, index.Count);
        Assert.Equal(4, index.Rejections.Count);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, reported.Select(r => r.Position));
        Assert.Equal("malformed TLSH digest", reported[0].Reason);
        Assert.Equal("missing TLSH digest", reported[2].Reason);
        Assert.Equal("empty id", reported[3].Reason);
        Assert.Equal(new[] { "legacy", "ok" }, index.Query(good).Select(m => m.Id).Order());

        var nulls = TlshIndex.Build(new List<(string, TlshDigest?)> { ("a", null), ("b", good) });
        Assert.Equal(1, nulls.Count);
        Assert.Contains("no TLSH digest", nulls.Rejections.Samples[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AreValidatedAndAllRadiiWork()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TlshIndex.Build(Array.Empty<(string, TlshDigest)>(), new TlshIndexOptions { KeyBits = 40 }));
        var random = new Random(7);
        var digests = Population(random, 30, 10, 100);
        foreach (var radius in new[] { 0, 1, 2 })
        {
            var index = TlshIndex.Build(WithIds(digests), new TlshIndexOptions { ProbeRadius = radius, KeyBits = 24, Tables = 8 });
            Assert.Equal(index.QueryExhaustive(digests[0], 0).Select(m => m.Id), index.Query(digests[0], 0).Select(m => m.Id));
            Assert.Equal(digests[0], index.GetDigest(0));
            Assert.Equal("s0", index.GetId(0));
        }
    }

    [Fact]
    public void Builder_StreamsRecordsAndCannotBeReused()
    {
        var random = new Random(8);
        var builder = new TlshIndexBuilder(expectedCount: 0);
        var digests = Enumerable.Range(0, 100).Select(_ => RandomDigest(random)).ToList();
        for (var i = 0; i < digests.Count; i++)
        {
            Assert.True(builder.Add($"id{i}", digests[i].ToString()));
        }

        Assert.False(builder.Add("bad", "T1XYZ"));
        var index = builder.Build();
        Assert.Equal(100, index.Count);
        Assert.Equal(1, index.Rejections.Count);
        Assert.Equal("id42", index.Query(digests[42], 0).Single().Id);
        Assert.Throws<ObjectDisposedException>(() => builder.Add("late", digests[0].ToString()));
        Assert.Throws<ObjectDisposedException>(() => builder.Build());
    }
}
