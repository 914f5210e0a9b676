using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AiCtiPortal.Engine.Similarity.Indexing;

/// <summary>
/// TLSH distance over the index's packed records (4 header bytes, then 32 body bytes), with an early exit once
/// a limit is exceeded. Gives exactly <see cref="TlshDigest.Distance"/> whenever the distance is within the limit;
/// the tests check that on random and related pairs.
/// </summary>
internal static class TlshDistanceKernel
{
    /// <summary>Bytes per packed record: checksum, length code, Q1 ratio, Q2 ratio, body.</summary>
    public const int RecordSize = 4 + TlshDigest.BodyLength;

    /// <summary>Summed cost of the four 2-bit bucket codes of two body bytes (|Δ| 1→1, 2→2, 3→6).</summary>
    private static readonly byte[] BytePairCost = BuildBytePairCost();

    /// <summary>Cost of a circular length-code difference (0→0, 1→1, d→12d), indexed by the byte difference.</summary>
    private static readonly int[] LengthCost = BuildCircularCost(256, d => d <= 1 ? d : d * 12);

    /// <summary>Cost of a circular quartile-ratio difference mod 16 (≤1 as is, else (d−1)·12).</summary>
    private static readonly int[] RatioCost = BuildCircularCost(16, d => d <= 1 ? d : (d - 1) * 12);

    public static void Pack(in TlshDigest digest, Span<byte> record)
    {
        record[0] = digest.Checksum;
        record[1] = digest.LengthCode;
        record[2] = digest.Q1Ratio;
        record[3] = digest.Q2Ratio;
        digest.Body.CopyTo(record[4..]);
    }

    public static TlshDigest Unpack(ReadOnlySpan<byte> record) =>
        new(record[0], record[1], record[2], record[3], record.Slice(4, TlshDigest.BodyLength));

    public static int HeaderDistance(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, bool includeLength)
    {
        var diff = includeLength ? LengthCost[(byte)(a[1] - b[1])] : 0;
        diff += RatioCost[(a[2] - b[2]) & 15];
        diff += RatioCost[(a[3] - b[3]) & 15];
        return a[0] != b[0] ? diff + 1 : diff;
    }

    /// <summary>
    /// Distance between two packed records, or some value above <paramref name="limit"/> as soon as the running
    /// sum exceeds it (checked every 8 body bytes: most candidates are rejected after a quarter of the body).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Distance(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, bool includeLength, int limit)
    {
        var diff = HeaderDistance(a, b, includeLength);
        if (diff > limit)
        {
            return diff;
        }

        ref var table = ref MemoryMarshal.GetArrayDataReference(BytePairCost);
        ref var x = ref Unsafe.Add(ref MemoryMarshal.GetReference(a), 4);
        ref var y = ref Unsafe.Add(ref MemoryMarshal.GetReference(b), 4);
        for (var i = 0; i < TlshDigest.BodyLength; i += 8)
        {
            diff += Unsafe.Add(ref table, (Unsafe.Add(ref x, i) << 8) | Unsafe.Add(ref y, i))
                + Unsafe.Add(ref table, (Unsafe.Add(ref x, i + 1) << 8) | Unsafe.Add(ref y, i + 1))
                + Unsafe.Add(ref table, (Unsafe.Add(ref x, i + 2) << 8) | Unsafe.Add(ref y, i + 2))
                + Unsafe.Add(ref table, (Unsafe.Add(ref x, i + 3) << 8) | Unsafe.Add(ref y, i + 3))
                + Unsafe.Add(ref table, (Unsafe.Add(ref x, i + 4) << 8) | Unsafe.Add(ref y, i + 4))
                + Unsafe.Add(ref table, (Unsafe.Add(ref x, i + 5) << 8) | Unsafe.Add(ref y, i + 5))
                + Unsafe.Add(ref table, (Unsafe.Add(ref x, i + 6) << 8) | Unsafe.Add(ref y, i + 6))
                + Unsafe.Add(ref table, (Unsafe.Add(ref x, i + 7) << 8) | Unsafe.Add(ref y, i + 7));
            if (diff > limit)
            {
                return diff;
            }
        }

        return diff;
    }

    private static byte[] BuildBytePairCost()
    {
        var table = new byte[256 * 256];
        for (var x = 0; x < 256; x++)
        {
            for (var y = 0; y < 256; y++)
            {
                var sum = 0;
                for (var shift = 0; shift < 8; shift += 2)
                {
                    var d = Math.Abs(((x >> shift) & 3) - ((y >> shift) & 3));
                    sum += d == 3 ? 6 : d;
                }

                table[(x << 8) | y] = (byte)sum;
            }
        }

        return table;
    }

    private static int[] BuildCircularCost(int range, Func<int, int> cost)
    {
        var table = new int[range];
        for (var raw = 0; raw < range; raw++)
        {
            table[raw] = cost(Math.Min(raw, range - raw));
        }

        return table;
    }
}
