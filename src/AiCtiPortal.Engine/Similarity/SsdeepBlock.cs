namespace AiCtiPortal.Engine.Similarity;

/// <summary>Constants shared by the ssdeep hasher and comparer.</summary>
internal static class SsdeepBlock
{
    /// <summary>Number of block sizes ssdeep can follow: 3·2^0 to 3·2^30.</summary>
    public const int Count = 31;

    /// <summary>Maximum characters of a signature part (SPAMSUM_LENGTH).</summary>
    public const int SignatureLength = 64;

    /// <summary>Length of the common substring two parts need before they are scored (the rolling window).</summary>
    public const int Window = 7;

    public const int MinimumBlockSize = 3;

    public const uint MaximumBlockSize = (uint)MinimumBlockSize << (Count - 1);

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static int Size(int index) => (int)Math.Min((uint)MinimumBlockSize << index, int.MaxValue);

    /// <summary>The signature character of a piece hash (its low 6 bits).</summary>
    public static char Base64(uint hash) => Alphabet[(int)(hash & 63)];

    public static bool IsSignatureChar(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/';

    /// <summary>True for 3·2^i, the only block sizes ssdeep produces.</summary>
    public static bool IsValidBlockSize(long blockSize) =>
        blockSize >= MinimumBlockSize && blockSize <= MaximumBlockSize && blockSize % 3 == 0 &&
        long.IsPow2(blockSize / 3);
}
