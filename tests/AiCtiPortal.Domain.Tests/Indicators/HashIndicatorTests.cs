using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Tests.Indicators;

public class HashIndicatorTests
{
    private const string Sha = "3f2a9c0d5e8b7a6f1c4d2e9b8a7f6c5d4e3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f";
    private const string Tlsh = "A12500088C838B0A0F0EC3C0ACAB82F3B8228B0308CFA302338C0F0AE2C24F28000008";

    [Theory]
    [InlineData(IndicatorType.ModelFileSha256, Sha, Sha)]
    [InlineData(IndicatorType.ModelFileSha256, "  3F2A9C0D5E8B7A6F1C4D2E9B8A7F6C5D4E3B2A1F0E9D8C7B6A5F4E3D2C1B0A9F \n", Sha)]
    [InlineData(IndicatorType.DatasetSha256, "sha256:" + Sha, Sha)]
    public void Sha256_is_trimmed_and_lowercased(IndicatorType type, string raw, string expected) =>
        CatalogueAssert.Valid(type, raw, expected);

    [Theory]
    [InlineData("3f2a9c0d5e8b7a6f1c4d2e9b8a7f6c5d4e3b2a1f0e9d8c7b6a5f4e3d2c1b0a9", "A SHA-256 is 64 hexadecimal characters; this has 63.")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e", "the length of an MD5")]
    [InlineData("da39a3ee5e6b4b0d3255bfef95601890afd80709", "the length of a SHA-1")]
    [InlineData("3g2a9c0d5e8b7a6f1c4d2e9b8a7f6c5d4e3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f", "'g' at position 2 is not one")]
    [InlineData("3f2a 9c0d", "' ' at position 5")]
    public void Sha256_of_the_wrong_shape_is_rejected_with_the_reason(string raw, string error) =>
        CatalogueAssert.Invalid(IndicatorType.ModelFileSha256, raw, error);

    [Fact]
    public void Sha512_length_is_named()
    {
        CatalogueAssert.Invalid(IndicatorType.DatasetSha256, new string('a', 128), "the length of a SHA-512");
    }

    [Theory]
    [InlineData("T1" + Tlsh, "T1" + Tlsh)]
    [InlineData("t1a12500088c838b0a0f0ec3c0acab82f3b8228b0308cfa302338c0f0ae2c24f28000008", "T1" + Tlsh)]
    public void Tlsh_is_uppercased_with_its_prefix(string raw, string expected) =>
        CatalogueAssert.Valid(IndicatorType.ModelFileTlsh, raw, expected);

    [Fact]
    public void Legacy_tlsh_without_prefix_gets_it_and_a_note()
    {
        var result = CatalogueAssert.Valid(IndicatorType.ModelFileTlsh, Tlsh.ToLowerInvariant(), "T1" + Tlsh);
        CatalogueAssert.HasNote(result, "Legacy TLSH digest");
    }

    [Theory]
    [InlineData("T1A125", "'T1' followed by 70 hexadecimal characters (72 in all); this has 6 in all")]
    [InlineData("A12500088C838B0A0F0EC3C0ACAB82F3B8228B0308CFA302338C0F0AE2C24F2800000", "this has 69")]
    [InlineData("T1Z12500088C838B0A0F0EC3C0ACAB82F3B8228B0308CFA302338C0F0AE2C24F28000008", "'Z' at position 3")]
    [InlineData("TNULL", "too short or too uniform")]
    public void Malformed_tlsh_is_rejected(string raw, string error) =>
        CatalogueAssert.Invalid(IndicatorType.ModelFileTlsh, raw, error);

    [Theory]
    [InlineData("3:agPE:agPE", "3:agPE:agPE")]
    [InlineData("3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C", "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C")]
    [InlineData("0096:abc+/:", "96:abc+/:")]
    [InlineData("3221225472:abc:def", "3221225472:abc:def")]
    public void Ssdeep_signatures_are_accepted(string raw, string expected) =>
        CatalogueAssert.Valid(IndicatorType.ModelFileSsdeep, raw, expected);

    [Fact]
    public void Ssdeep_line_with_file_name_keeps_the_signature()
    {
        var result = CatalogueAssert.Valid(IndicatorType.ModelFileSsdeep, "3:agPE:agPE,\"/tmp/model.pt\"", "3:agPE:agPE");
        CatalogueAssert.HasNote(result, "file name");
    }

    [Theory]
    [InlineData("3:agPE", "three parts separated by colons")]
    [InlineData("5:agPE:agPE", "block size '5' is not one ssdeep uses")]
    [InlineData("0:agPE:agPE", "block size '0'")]
    [InlineData("6442450944:a:b", "block size")]
    [InlineData("3:ag-E:agPE", "'-' at position 3")]
    [InlineData("3::agPE", "first signature is empty")]
    public void Malformed_ssdeep_is_rejected(string raw, string error) =>
        CatalogueAssert.Invalid(IndicatorType.ModelFileSsdeep, raw, error);

    [Fact]
    public void Ssdeep_signature_lengths_are_bounded()
    {
        CatalogueAssert.Invalid(IndicatorType.ModelFileSsdeep, $"3:{new string('a', 65)}:b", "first signature is at most 64 characters; this has 65");
        CatalogueAssert.Invalid(IndicatorType.ModelFileSsdeep, $"3:a:{new string('b', 33)}", "second signature is at most 32 characters; this has 33");
        CatalogueAssert.Valid(IndicatorType.ModelFileSsdeep, $"3:{new string('a', 64)}:{new string('b', 32)}", $"3:{new string('a', 64)}:{new string('b', 32)}");
    }
}
