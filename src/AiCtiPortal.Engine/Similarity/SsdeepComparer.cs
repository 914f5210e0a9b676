using System.Numerics;

namespace AiCtiPortal.Engine.Similarity;

/// <summary>ssdeep 2.14's <c>fuzzy_compare</c>, with bit-parallel string algorithms (parts are ≤ 64 chars).</summary>
internal static class SsdeepComparer
{
    private const int Length = SsdeepBlock.SignatureLength;
    private const int Window = SsdeepBlock.Window;

    public static int Score(SsdeepSignature a, SsdeepSignature b)
    {
        long bs1 = a.BlockSize, bs2 = b.BlockSize;
        if (bs1 != bs2 && bs1 * 2 != bs2 && bs2 * 2 != bs1)
        {
            return 0;
        }

        Span<char> a1 = stackalloc char[Length], a2 = stackalloc char[Length];
        Span<char> b1 = stackalloc char[Length], b2 = stackalloc char[Length];
        a1 = a1[..CopyEliminatingRuns(a.Part1, a1)];
        a2 = a2[..CopyEliminatingRuns(a.Part2, a2)];
        b1 = b1[..CopyEliminatingRuns(b.Part1, b1)];
        b2 = b2[..CopyEliminatingRuns(b.Part2, b2)];

        if (bs1 == bs2 && a1.SequenceEqual(b1) && a2.SequenceEqual(b2))
        {
            return 100;
        }

        if (bs1 == bs2)
        {
            return Math.Max(ScoreParts(a1, b1, bs1), ScoreParts(a2, b2, bs1 * 2));
        }

        return bs1 * 2 == bs2 ? ScoreParts(b1, a2, bs2) : ScoreParts(a1, b2, bs1);
    }

    /// <summary>Copies <paramref name="part"/> with runs of more than three identical characters cut to three.</summary>
    public static int CopyEliminatingRuns(ReadOnlySpan<char> part, Span<char> destination)
    {
        int n = 0;
        for (int i = 0; i < part.Length; i++)
        {
            char c = part[i];
            if (n >= 3 && destination[n - 1] == c && destination[n - 2] == c && destination[n - 3] == c)
            {
                continue;
            }

            destination[n++] = c;
        }

        return n;
    }

    private static int ScoreParts(ReadOnlySpan<char> s1, ReadOnlySpan<char> s2, long blockSize)
    {
        if (s1.Length < Window || s2.Length < Window)
        {
            return 0;
        }

        Span<ulong> positions = stackalloc ulong[128];
        positions.Clear();
        for (int i = 0; i < s1.Length; i++)
        {
            positions[s1[i] & 127] |= 1UL << i;
        }

        if (!HaveCommonSubstring(positions, s2))
        {
            return 0;
        }

        // Edit distance with insertion and deletion 1 and substitution 2 equals len1 + len2 - 2·LCS.
        int distance = s1.Length + s2.Length - (2 * LongestCommonSubsequence(positions, s1.Length, s2));
        int score = distance * Length / (s1.Length + s2.Length);
        score = 100 * score / Length;
        score = 100 - score;

        // Small block sizes would exaggerate the match: cap by what the short signatures can carry.
        if (blockSize >= (99 + Window) / Window * SsdeepBlock.MinimumBlockSize)
        {
            return score;
        }

        long cap = blockSize / SsdeepBlock.MinimumBlockSize * Math.Min(s1.Length, s2.Length);
        return (int)Math.Min(score, cap);
    }

    // A common substring of Window characters: bit i of run is set when s1[i-6..i] == s2[j-6..j].
    private static bool HaveCommonSubstring(ReadOnlySpan<ulong> positions, ReadOnlySpan<char> s2)
    {
        for (int j = Window - 1; j < s2.Length; j++)
        {
            ulong run = positions[s2[j] & 127];
            for (int t = 1; t < Window && run != 0; t++)
            {
                run &= positions[s2[j - t] & 127] << t;
            }

            if (run != 0)
            {
                return true;
            }
        }

        return false;
    }

    // Allison-Dix bit-parallel LCS over s1's position masks.
    private static int LongestCommonSubsequence(ReadOnlySpan<ulong> positions, int length1, ReadOnlySpan<char> s2)
    {
        ulong mask = length1 == 64 ? ulong.MaxValue : (1UL << length1) - 1;
        ulong v = mask;
        foreach (char c in s2)
        {
            ulong m = positions[c & 127];
            ulong u = v & m;
            v = ((v + u) | (v & ~m)) & mask;
        }

        return length1 - BitOperations.PopCount(v);
    }
}
