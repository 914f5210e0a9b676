using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Engine.Tests.Similarity;

/// <summary>Checks the engine against the committed outputs of Debian's tlsh 3.4.4 and ssdeep 2.14.1.</summary>
public sealed class VectorTests
{
    private static readonly Lazy<Dictionary<string, FileFingerprint>> Computed = new(() =>
        CompatibilityVectors.Specs.ToDictionary(s => s, s =>
        {
            using var stream = new MemoryStream(TestCorpus.Generate(s));
            return Fingerprinter.Compute(stream, TlshProfile.Legacy);
        }));

    [Fact]
    public void Vectors_cover_every_corpus_input()
    {
        var specs = CompatibilityVectors.ReadFingerprints().Select(f => f.Spec).ToHashSet();
        Assert.Equal(CompatibilityVectors.Specs.ToHashSet(), specs);
    }

    [Fact]
    public void Fingerprints_match_the_reference_tools()
    {
        foreach (var expected in CompatibilityVectors.ReadFingerprints())
        {
            var actual = Computed.Value[expected.Spec];
            Assert.Equal((expected.Spec, expected.Length), (expected.Spec, actual.Length));
            Assert.Equal((expected.Spec, expected.Sha256), (expected.Spec, actual.Sha256));
            Assert.Equal((expected.Spec, expected.TlshLegacy), (expected.Spec, actual.Tlsh?.ToLegacyString()));
            Assert.Equal((expected.Spec, expected.Ssdeep), (expected.Spec, actual.Ssdeep.ToString()));
        }
    }

    [Fact]
    public void Modern_profile_agrees_with_legacy_from_256_bytes_and_starts_at_50()
    {
        foreach (var spec in CompatibilityVectors.Specs)
        {
            byte[] data = TestCorpus.Generate(spec);
            var modern = TlshHasher.Compute(data);
            var legacy = TlshHasher.Compute(data, TlshProfile.Legacy);
            if (data.Length >= 256)
            {
                Assert.Equal((spec, legacy), (spec, modern));
            }
            else if (data.Length < 50)
            {
                Assert.Null(modern);
            }
        }

        Assert.NotNull(TlshHasher.Compute(TestCorpus.Generate("rand:3:50")));
        Assert.NotNull(TlshHasher.Compute(TestCorpus.Generate("rand:4:255")));
        Assert.Null(TlshHasher.Compute(TestCorpus.Generate("rand:2:49")));
    }

    [Fact]
    public void Distances_and_scores_match_the_reference_tools()
    {
        foreach (var pair in CompatibilityVectors.ReadPairs())
        {
            var a = Computed.Value[pair.A];
            var b = Computed.Value[pair.B];
            var label = $"{pair.A} vs {pair.B}";
            if (pair.Tlsh is int distance)
            {
                var x = a.Tlsh!.Value;
                var y = b.Tlsh!.Value;
                Assert.Equal((label, distance), (label, TlshDigest.Distance(x, y)));
                Assert.Equal((label, pair.TlshNoLength), (label, (int?)TlshDigest.Distance(x, y, includeLength: false)));
            }

            Assert.Equal((label, pair.Ssdeep), (label, SsdeepSignature.Compare(a.Ssdeep, b.Ssdeep)));
            Assert.Equal((label, pair.Ssdeep), (label, SsdeepSignature.Compare(b.Ssdeep, a.Ssdeep)));
        }
    }
}
