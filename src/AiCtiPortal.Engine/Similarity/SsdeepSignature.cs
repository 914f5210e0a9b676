using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AiCtiPortal.Engine.Similarity;

/// <summary>
/// An ssdeep signature "blocksize:part1:part2": part 1 hashes pieces at <see cref="BlockSize"/>, part 2 at twice
/// that. The block size must be one ssdeep produces (3·2^i) and the parts at most 64 base64 characters.
/// </summary>
public sealed record SsdeepSignature
{
    public SsdeepSignature(long BlockSize, string Part1, string Part2)
    {
        ArgumentNullException.ThrowIfNull(Part1);
        ArgumentNullException.ThrowIfNull(Part2);
        if (!SsdeepBlock.IsValidBlockSize(BlockSize))
        {
            throw new ArgumentOutOfRangeException(nameof(BlockSize), BlockSize, "An ssdeep block size is 3·2^i (3, 6, 12, ...).");
        }

        if (!IsValidPart(Part1))
        {
            throw new ArgumentException("An ssdeep signature part is at most 64 base64 characters.", nameof(Part1));
        }

        if (!IsValidPart(Part2))
        {
            throw new ArgumentException("An ssdeep signature part is at most 64 base64 characters.", nameof(Part2));
        }

        this.BlockSize = BlockSize;
        this.Part1 = Part1;
        this.Part2 = Part2;
    }

    public long BlockSize { get; }

    public string Part1 { get; }

    public string Part2 { get; }

    public void Deconstruct(out long blockSize, out string part1, out string part2)
    {
        blockSize = BlockSize;
        part1 = Part1;
        part2 = Part2;
    }

    /// <summary>Parses "blocksize:part1:part2" exactly (no file name, no whitespace).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SsdeepSignature? signature)
    {
        signature = null;
        if (text is null)
        {
            return false;
        }

        ReadOnlySpan<char> span = text;
        int first = span.IndexOf(':');
        if (first <= 0)
        {
            return false;
        }

        ReadOnlySpan<char> rest = span[(first + 1)..];
        int second = rest.IndexOf(':');
        if (second < 0)
        {
            return false;
        }

        ReadOnlySpan<char> number = span[..first];
        if (number.ContainsAnyExceptInRange('0', '9') ||
            !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long blockSize) ||
            !SsdeepBlock.IsValidBlockSize(blockSize))
        {
            return false;
        }

        ReadOnlySpan<char> part1 = rest[..second];
        ReadOnlySpan<char> part2 = rest[(second + 1)..];
        if (!IsValidPart(part1) || !IsValidPart(part2))
        {
            return false;
        }

        signature = new SsdeepSignature(blockSize, part1.ToString(), part2.ToString());
        return true;
    }

    /// <summary>Parses as <see cref="TryParse"/> does, throwing <see cref="FormatException"/> when it is not a signature.</summary>
    public static SsdeepSignature Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out var signature))
        {
            return signature;
        }

        string shown = text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
        throw new FormatException(
            $"'{shown}' is not an ssdeep signature: expected \"blocksize:part1:part2\" with a block size of 3·2^i " +
            "and parts of at most 64 base64 characters.");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{BlockSize}:{Part1}:{Part2}");

    /// <summary>The ssdeep 2.14 match score, 0 (unrelated or incomparable block sizes) to 100 (identical).</summary>
    public static int Compare(SsdeepSignature a, SsdeepSignature b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return SsdeepComparer.Score(a, b);
    }

    private static bool IsValidPart(ReadOnlySpan<char> part)
    {
        if (part.Length > SsdeepBlock.SignatureLength)
        {
            return false;
        }

        foreach (char c in part)
        {
            if (!SsdeepBlock.IsSignatureChar(c))
            {
                return false;
            }
        }

        return true;
    }
}
