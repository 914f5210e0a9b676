namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>SHA-256 of a file: 64 hex characters, stored lowercase.</summary>
internal sealed class Sha256Rule : IIndicatorRule
{
    public string? Normalize(string value, IndicatorCheck check)
    {
        // Hugging Face LFS pointers and OCI digests print "sha256:<hex>"; accept the prefix people paste with it.
        if (value.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase))
        {
            value = value["sha256:".Length..].TrimStart();
            check.Note("Removed the 'sha256:' prefix.");
        }

        var bad = Hex.FirstNonHex(value);
        if (bad >= 0)
        {
            return check.Fail(
                $"A SHA-256 holds only hexadecimal characters (0-9, a-f); '{value[bad]}' at position {bad + 1} is not one.");
        }

        return value.Length switch
        {
            64 => value.ToLowerInvariant(),
            32 => check.Fail("This is 32 hexadecimal characters, the length of an MD5; a SHA-256 is 64. Compute it with `sha256sum FILE`."),
            40 => check.Fail("This is 40 hexadecimal characters, the length of a SHA-1 (or a git commit id); a SHA-256 is 64. Compute it with `sha256sum FILE`."),
            128 => check.Fail("This is 128 hexadecimal characters, the length of a SHA-512; a SHA-256 is 64. Compute it with `sha256sum FILE`."),
            _ => check.Fail($"A SHA-256 is 64 hexadecimal characters; this has {value.Length}."),
        };
    }
}
