// Expected values read best as inline array literals; these tests run once, so CA1861 does not apply.
#pragma warning disable CA1861

using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;

namespace AiCtiPortal.Engine.Tests.Similarity;

public class IndexSsdeepTests
{
    private static byte[] TextLike(Random random, int length)
    {
        string[] words = ["alpha", "beta", "gamma", "delta", "model", "tensor", "pickle", "torch", "layer", "load", "os", "system"];
        var text = new System.Text.StringBuilder();
        while (text.Length < length)
        {
            text.Append(words[random.Next(words.Length)]).Append(random.Next(9) == 0 ? '\n' : ' ');
        }

        return System.Text.Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    private static byte[] Mutate(Random random, byte[] data, int edits)
    {
        var copy = new List<byte>(data);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(copy.Count - 64);
            if (random.Next(2) == 0)
            {
                copy.RemoveRange(at, random.Next(1, 64));
            }
            else
            {
                copy.InsertRange(at, TextLike(random, random.Next(1, 64)));
            }
        }

        return [.. copy];
    }

    private static List<(string Id, SsdeepSignature Signature)> Corpus(Random random)
    {
        var records = new List<(string, SsdeepSignature)>();
        for (var f = 0; f < 60; f++)
        {
            // Lengths spanning several block sizes, so compatible (×2) block sizes occur.
            var original = TextLike(random, random.Next(2000, 40000));
            records.Add(($"f{f}", SsdeepHasher.Compute(original)));
            for (var v = 0; v < 4; v++)
            {
                var variant = Mutate(random, original, random.Next(1, 30));
                if (v == 3)
                {
                    // Doubling the size often moves the signature to the next block size.
                    variant = [.. variant, .. TextLike(random, variant.Length)];
                }

                records.Add(($"f{f}v{v}", SsdeepHasher.Compute(variant)));
            }
        }

        return records;
    }

    [Fact]
    public void Query_FindsExactlyWhatAnExhaustiveComparisonFinds()
    {
        var random = new Random(11);
        var records = Corpus(random);
        var index = SsdeepIndex.Build(records.Select(r => (r.Id, (SsdeepSignature?)r.Signature)));
        Assert.Equal(records.Count, index.Count);
        var nonTrivial = 0;
        var crossBlockSize = 0;
        foreach (var (id, signature) in records)
        {
            var expected = records
                .Select(r => (r.Id, Score: SsdeepSignature.Compare(signature, r.Signature), r.Signature.BlockSize))
                .Where(r => r.Score > 0)
                .ToList();
            var actual = index.Query(signature);
            Assert.Equal(expected.Select(e => (e.Id, (double)e.Score)).Order(), actual.Select(m => (m.Id, m.Score)).Order());
            nonTrivial += expected.Count > 1 ? 1 : 0;
            crossBlockSize += expected.Count(e => e.BlockSize != signature.BlockSize);
        }

        Assert.True(nonTrivial > 100, $"only {nonTrivial} queries with related signatures");
        Assert.True(crossBlockSize > 0, "no matches across block sizes were exercised");
    }

    [Fact]
    public void Query_ThresholdExplanationAndOrder()
    {
        var random = new Random(12);
        var records = Corpus(random);
        var index = SsdeepIndex.Build(records.Select(r => (r.Id, (SsdeepSignature?)r.Signature)));
        var query = records[0].Signature;
        var matches = index.Query(query, 50);
        Assert.Equal("f0", matches[0].Id);
        Assert.Equal(100, matches[0].Score);
        Assert.Equal($"ssdeep 100 at block size {query.BlockSize}", matches[0].Explanation);
        Assert.All(matches, m => Assert.InRange(m.Score, 50, 100));
        Assert.Equal(matches.Select(m => m.Score).OrderDescending(), matches.Select(m => m.Score));
        Assert.Equal(index.QueryExhaustive(query, 50).Select(m => m.Id), matches.Select(m => m.Id));
    }

    [Fact]
    public void ShortSignatures_MatchOnlyWhenIdentical()
    {
        var hello = SsdeepSignature.Parse("3:agPE:agPE");
        var index = SsdeepIndex.BuildFromText([("a", "3:agPE:agPE"), ("b", "3:agPF:agPF"), ("c", "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C")]);
        Assert.Equal(new[] { "a" }, index.Query(hello).Select(m => m.Id));
        var ctph = SsdeepSignature.Parse("3:AXGBicFlIHBGcL6wCrFQEv:AXGH6xLsr2C");
        var match = Assert.Single(index.Query(ctph));
        Assert.Equal(("c", 22.0), (match.Id, match.Score));
    }

    [Fact]
    public void EdgeCases_EmptyIndexDuplicatesAndMalformedText()
    {
        var sig = SsdeepSignature.Parse("3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C");
        Assert.Empty(SsdeepIndex.Build([]).Query(sig));

        var reported = new List<IndexRejection>();
        var index = SsdeepIndex.BuildFromText(
            [
                ("a", sig.ToString()),
                ("a", sig.ToString()),
                ("bad", "not a signature"),
                ("blocksize", "5:abc:def"),
                ("missing", " "),
                ("", sig.ToString()),
            ],
            reported.Add);
        Assert.Equal(2, index.Count);
        Assert.Equal(new[] { "malformed ssdeep signature", "malformed ssdeep signature", "missing ssdeep signature", "empty id" }, reported.Select(r => r.Reason));
        Assert.Equal(new long[] { 2, 3, 4, 5 }, reported.Select(r => r.Position));
        Assert.Single(index.Query(sig));
    }

    [Fact]
    public void CutRuns_KeepsAtMostThreeIdenticalCharacters()
    {
        Span<char> buffer = stackalloc char[16];
        var n = SsdeepIndex.CutRuns("aaaaabbbbcdddd", buffer);
        Assert.Equal("aaabbbcddd", buffer[..n].ToString());
    }
}
