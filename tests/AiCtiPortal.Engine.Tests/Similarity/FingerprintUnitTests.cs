using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Engine.Tests.Similarity;

public sealed class FingerprintUnitTests
{
    private const string AlphaDigest = "T1A12500088C838B0A0F0EC3C0ACAB82F3B8228B0308CFA302338C0F0AE2C24F28000008";

    [Fact]
    public void Tlsh_matches_the_published_vector_whatever_the_chunking()
    {
        byte[] data = TestCorpus.Generate("alpha:1000000");
        Assert.Equal(AlphaDigest, TlshHasher.Compute(data)?.ToString());
        var hasher = new TlshHasher();
        for (int at = 0, step = 1; at < data.Length; at += step, step = (step * 7 % 1021) + 1)
        {
            hasher.Update(data.AsSpan(at, Math.Min(step, data.Length - at)));
        }

        Assert.Equal(AlphaDigest, hasher.Finish()?.ToString());
    }

    [Theory]
    [InlineData(AlphaDigest)]
    [InlineData("A12500088C838B0A0F0EC3C0ACAB82F3B8228B0308CFA302338C0F0AE2C24F28000008")]
    [InlineData("t1a12500088c838b0a0f0ec3c0acab82f3b8228b0308cfa302338c0f0ae2c24f28000008")]
    public void Tlsh_parses_modern_and_legacy_forms(string text)
    {
        var digest = TlshDigest.Parse(text);
        Assert.Equal(AlphaDigest, digest.ToString());
        Assert.Equal(AlphaDigest[2..], digest.ToLegacyString());
        Assert.Equal(0x1A, digest.Checksum);
        Assert.Equal(TlshDigest.BodyLength, digest.Body.Length);
        Assert.Equal(0, TlshDigest.Distance(digest, TlshDigest.Parse(AlphaDigest)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("T2A12500088C838B0A0F0EC3C0ACAB82F3B8228B0308CFA302338C0F0AE2C24F28000008")]
    [InlineData("T1A12500088C838B0A0F0EC3C0ACAB82F3B8228B0308CFA302338C0F0AE2C24F2800000")]
    [InlineData("T1A12500088C838B0A0F0EC3C0ACAB82F3B8228B0308CFA302338C0F0AE2C24F28000008 ")]
    [InlineData("T1G12500088C838B0A0F0EC3C0ACAB82F3B8228B0308CFA302338C0F0AE2C24F28000008")]
    public void Tlsh_rejects_anything_else(string? text)
    {
        Assert.False(TlshDigest.TryParse(text, out _));
        if (text is not null)
        {
            var e = Assert.Throws<FormatException>(() => TlshDigest.Parse(text));
            Assert.Contains("not a TLSH digest", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Tlsh_is_undefined_for_short_or_uniform_inputs()
    {
        Assert.Null(TlshHasher.Compute(new byte[49]));
        Assert.Null(TlshHasher.Compute(new byte[100_000]));
        Assert.Null(TlshHasher.Compute(TestCorpus.Generate("rand:1:255"), TlshProfile.Legacy));
        Assert.NotNull(TlshHasher.Compute(TestCorpus.Generate("rand:1:50")));
    }

    [Theory]
    [InlineData("lit:Hello world!", "3:agPE:agPE")]
    [InlineData("lit:Also called fuzzy hashes, Ctph can match inputs that have homologies.", "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C")]
    [InlineData("lit:Also called fuzzy hashes, CTPH can match inputs that have homologies.", "3:AXGBicFlIHBGcL6wCrFQEv:AXGH6xLsr2C")]
    [InlineData("zeros:0", "3::")]
    public void Ssdeep_matches_the_published_vectors(string spec, string expected)
    {
        Assert.Equal(expected, SsdeepHasher.Compute(TestCorpus.Generate(spec)).ToString());
        var streaming = new SsdeepHasher();
        foreach (byte b in TestCorpus.Generate(spec))
        {
            streaming.Update([b]);
        }

        Assert.Equal(expected, streaming.Finish().ToString());
    }

    [Fact]
    public void Ssdeep_streaming_without_length_equals_one_shot_on_large_input()
    {
        byte[] data = TestCorpus.Generate("text:5:2000000");
        var hasher = new SsdeepHasher();
        for (int at = 0; at < data.Length; at += 4093)
        {
            hasher.Update(data.AsSpan(at, Math.Min(4093, data.Length - at)));
        }

        Assert.Equal(SsdeepHasher.Compute(data), hasher.Finish());
    }

    [Fact]
    public void Ssdeep_compares_like_the_reference()
    {
        var a = SsdeepSignature.Parse("3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C");
        var b = SsdeepSignature.Parse("3:AXGBicFlIHBGcL6wCrFQEv:AXGH6xLsr2C");
        Assert.Equal(22, SsdeepSignature.Compare(a, b));
        Assert.Equal(100, SsdeepSignature.Compare(a, a));
        Assert.Equal(0, SsdeepSignature.Compare(a, SsdeepSignature.Parse("24:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3:abc")]
    [InlineData("5:abc:def")]
    [InlineData("3:ab c:def")]
    [InlineData("-3:abc:def")]
    [InlineData("3:abc:def,\"file\"")]
    public void Ssdeep_rejects_malformed_signatures(string text)
    {
        Assert.False(SsdeepSignature.TryParse(text, out _));
        Assert.Throws<FormatException>(() => SsdeepSignature.Parse(text));
    }

    [Fact]
    public async Task Fingerprinter_streams_and_matches_the_one_shot_hashes()
    {
        byte[] data = TestCorpus.Generate("text:6:3000000");
        using var seekable = new MemoryStream(data);
        var expected = Fingerprinter.Compute(seekable);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data)), expected.Sha256);
        Assert.Equal(TlshHasher.Compute(data), expected.Tlsh);
        Assert.Equal(SsdeepHasher.Compute(data), expected.Ssdeep);
        Assert.Equal(data.Length, expected.Length);

        using var unseekable = new BufferedStream(new NonSeekable(data));
        Assert.Equal(expected, await Fingerprinter.ComputeAsync(unseekable));
    }

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
