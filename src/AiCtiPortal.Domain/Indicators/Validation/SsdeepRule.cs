using System.Buffers;
using System.Globalization;
using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>ssdeep (CTPH) signature "blocksize:sig1:sig2"; block sizes are 3·2^i, signatures base64 characters.</summary>
internal sealed class SsdeepRule : IIndicatorRule
{
    private const int MaxSig1 = 64;
    private const int MaxSig2 = 32;

    // ssdeep computes up to 31 block sizes, 3 to 3·2^30.
    private const long MaxBlockSize = 3L << 30;

    private static readonly SearchValues<char> Base64 =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    public string? Normalize(string value, IndicatorCheck check)
    {
        // `ssdeep -b FILE` prints `sig,"FILE"`; people paste the whole line.
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            value = value[..comma].TrimEnd();
            check.Note("Removed the file name that ssdeep prints after the signature.");
        }

        var parts = value.Split(':');
        if (parts.Length != 3)
        {
            return check.Fail("An ssdeep signature has three parts separated by colons: blocksize:signature1:signature2, for example 3:agPE:agPE.");
        }

        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var blockSize) || !IsBlockSize(blockSize))
        {
            return check.Fail($"The block size '{parts[0]}' is not one ssdeep uses; block sizes are 3 times a power of two (3, 6, 12, 24, 48, 96, ...).");
        }

        CheckSignature(parts[1], "first", MaxSig1, check);
        CheckSignature(parts[2], "second", MaxSig2, check);
        if (parts[1].Length == 0)
        {
            check.Fail("The first signature is empty; ssdeep produces that only for empty input, which identifies nothing.");
        }

        if (check.HasErrors)
        {
            return null;
        }

        // The engine's parser has the last word, so every stored signature is one the similarity indexes can read.
        var canonical = $"{blockSize.ToString(CultureInfo.InvariantCulture)}:{parts[1]}:{parts[2]}";
        return SsdeepSignature.TryParse(canonical, out var signature) && signature is not null
            ? signature.ToString()
            : check.Fail("This is not an ssdeep signature the similarity engine can read.");
    }

    private static bool IsBlockSize(long blockSize)
    {
        if (blockSize < 3 || blockSize > MaxBlockSize || blockSize % 3 != 0)
        {
            return false;
        }

        var power = blockSize / 3;
        return (power & (power - 1)) == 0;
    }

    private static void CheckSignature(string signature, string which, int max, IndicatorCheck check)
    {
        if (signature.Length > max)
        {
            check.Fail($"The {which} signature is at most {max} characters; this has {signature.Length}.");
        }

        var bad = signature.AsSpan().IndexOfAnyExcept(Base64);
        if (bad >= 0)
        {
            check.Fail($"The {which} signature uses base64 characters (A-Z, a-z, 0-9, + and /); '{signature[bad]}' at position {bad + 1} is not one.");
        }
    }
}
