using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Engine.Tests.Similarity;

public sealed class SsdeepSignatureParsingTests
{
    [Fact]
    public void The_largest_block_size_ssdeep_produces_parses_and_round_trips()
    {
        // 3·2^30 is ssdeep's last block size (inputs past 96 GiB); it does not fit in an int.
        Assert.True(SsdeepSignature.TryParse("3221225472:abc:def", out var signature));
        Assert.Equal(3_221_225_472L, signature!.BlockSize);
        Assert.Equal("3221225472:abc:def", signature.ToString());
    }

    [Theory]
    [InlineData("6442450944:abc:def")] // 3·2^31: past ssdeep's range
    [InlineData("99999999999999999999999:abc:def")] // past any integer type
    [InlineData("9:abc:def")] // not 3·2^i
    public void Block_sizes_ssdeep_never_produces_are_refused_without_throwing(string text)
    {
        Assert.False(SsdeepSignature.TryParse(text, out var signature));
        Assert.Null(signature);
    }
}
