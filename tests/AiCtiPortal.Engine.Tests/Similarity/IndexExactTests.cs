// Expected values read best as inline array literals; these tests run once, so CA1861 does not apply.
#pragma warning disable CA1861

using AiCtiPortal.Engine.Similarity.Indexing;

namespace AiCtiPortal.Engine.Tests.Similarity;

public class IndexExactTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public void Sha256_MatchesCaseInsensitivelyWithExplanation()
    {
        var index = ExactIndex.BuildSha256([("a", Sha), ("b", Sha.ToUpperInvariant()), ("c", new string('0', 64))]);
        var matches = index.Query("  " + Sha.ToUpperInvariant() + " ");
        Assert.Equal(new[] { "a", "b" }, matches.Select(m => m.Id));
        Assert.All(matches, m => Assert.Equal((SimilarityKind.Exact, 1.0, "identical SHA-256"), (m.Kind, m.Score, m.Explanation)));
        Assert.Empty(index.Query(new string('1', 64)));
        Assert.Empty(index.Query(null));
        Assert.Equal(2, index.KeyCount);
    }

    [Fact]
    public void MalformedDuplicateAndEmpty()
    {
        var reported = new List<IndexRejection>();
        var index = ExactIndex.BuildSha256([("a", Sha), ("a", Sha), ("bad", "xyz"), ("blank", " "), ("", Sha)], reported.Add);
        Assert.Equal(1, index.Count);
        Assert.Equal(new[] { "malformed SHA-256", "empty key", "empty id" }, reported.Select(r => r.Reason));
        Assert.Single(index.Query(Sha));
        Assert.Empty(ExactIndex.Build([]).Query(Sha));
    }

    [Fact]
    public void AnyKey_WithCustomNormalisation()
    {
        var index = ExactIndex.Build([("p1", "Ignore previous"), ("p2", "ignore PREVIOUS ")], "prompt", k => k.Trim().ToUpperInvariant());
        Assert.Equal(new[] { "p1", "p2" }, index.Query("IGNORE previous").Select(m => m.Id));
        Assert.Equal("identical prompt", index.Query("ignore previous")[0].Explanation);
    }

    [Fact]
    public void RejectionLog_KeepsABoundedSample()
    {
        var index = ExactIndex.BuildSha256(Enumerable.Range(0, 1000).Select(i => ($"id{i}", "bad")));
        Assert.Equal(1000, index.Rejections.Count);
        Assert.Equal(RejectionLog.MaxSamples, index.Rejections.Samples.Count);
    }
}
