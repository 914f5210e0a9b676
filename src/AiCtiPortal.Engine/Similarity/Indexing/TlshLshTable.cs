using System.Numerics;

namespace AiCtiPortal.Engine.Similarity.Indexing;

/// <summary>
/// One locality-sensitive hash table of <see cref="TlshIndex"/>. Its key samples the digest's "thermometer"
/// code: bucket code c becomes the bits [c ≥ 1][c ≥ 2][c ≥ 3], so the L1 distance between bucket codes equals the
/// Hamming distance of these 384 bits, and TLSH's body distance bounds it from above (cost 1, 2, 6 for |Δ| 1, 2,
/// 3). A pair within distance 50 differs in at most 50 of the 384 bits, so a key of a few dozen bits sampled from
/// distinct buckets usually differs in 0 or 1 of them, which the multi-probe covers; unrelated digests differ in
/// far more and rarely collide. Keys are hashed onto about count/2 rows (at most 2^20).
/// The table is stored as compressed rows: entry indices sorted by row, with one offset per row.
/// </summary>
internal sealed class TlshLshTable
{
    private const int MinRowBits = 8;
    private const int MaxRowBits = 20;

    private readonly int keyBits;

    /// <summary>Body bytes the key reads (each holds one or more sampled buckets).</summary>
    private readonly byte[] keyBytes;

    /// <summary>For each key byte, its 256 possible values → the key bits they set (ORed together).</summary>
    private readonly uint[] keyBitsOfByte;
    private readonly int rowShift;
    private readonly int[] offsets;
    private readonly int[] entries;

    private TlshLshTable(int[] buckets, byte[] minimumCode, int count)
    {
        keyBits = buckets.Length;
        keyBytes = buckets.Select(b => (byte)(b / 4)).Distinct().Order().ToArray();
        keyBitsOfByte = new uint[keyBytes.Length * 256];
        for (var k = 0; k < keyBytes.Length; k++)
        {
            for (var value = 0; value < 256; value++)
            {
                var bits = 0u;
                for (var j = 0; j < buckets.Length; j++)
                {
                    if (buckets[j] / 4 == keyBytes[k] && ((value >> (2 * (buckets[j] % 4))) & 3) >= minimumCode[j])
                    {
                        bits |= 1u << j;
                    }
                }

                keyBitsOfByte[(k * 256) + value] = bits;
            }
        }

        // About two entries per row for unrelated digests: halves the offsets' memory against one per row, and
        // small indexes do not pay for a million rows.
        var rowBits = Math.Min(buckets.Length, Math.Clamp(BitOperations.Log2((uint)Math.Max(count, 1)), MinRowBits, MaxRowBits));
        rowShift = 32 - rowBits;
        offsets = new int[(1 << rowBits) + 1];
        entries = new int[count];
    }

    public int KeyBits => keyBits;

    public long MemoryBytes => (offsets.LongLength + entries.LongLength) * sizeof(int);

    /// <summary>
    /// Builds a table over <paramref name="count"/> packed records with a key of <paramref name="keyBits"/> bits
    /// from distinct random buckets (bits of one bucket flip together, so sharing a bucket would waste key bits),
    /// each with a random threshold. Choosing each bucket's most balanced threshold from the data was tried and
    /// rejected: the thresholds that split the population best are exactly those near-duplicates straddle, and
    /// recall fell from 99.9% to under 70%.
    /// </summary>
    public static TlshLshTable Build(byte[] records, int count, int keyBits, Random random, int[] rowScratch)
    {
        var buckets = Enumerable.Range(0, TlshDigest.BodyLength * 4).ToArray();
        random.Shuffle(buckets);
        var chosen = buckets.Take(keyBits).ToArray();
        var minimum = chosen.Select(_ => (byte)random.Next(1, 4)).ToArray();
        var table = new TlshLshTable(chosen, minimum, count);
        var offsets = table.offsets;
        for (var i = 0; i < count; i++)
        {
            var row = table.Row(table.Key(records.AsSpan((i * TlshDistanceKernel.RecordSize) + 4, TlshDigest.BodyLength)));
            rowScratch[i] = row;
            offsets[row + 1]++;
        }

        for (var k = 1; k < offsets.Length; k++)
        {
            offsets[k] += offsets[k - 1];
        }

        // Counting sort: fill each row in entry order, using a running cursor copied from the offsets.
        var cursor = offsets.AsSpan(0, offsets.Length - 1).ToArray();
        for (var i = 0; i < count; i++)
        {
            table.entries[cursor[rowScratch[i]]++] = i;
        }

        return table;
    }

    /// <summary>The key of a body: one table lookup per body byte holding sampled buckets.</summary>
    public uint Key(ReadOnlySpan<byte> body)
    {
        var key = 0u;
        for (var k = 0; k < keyBytes.Length; k++)
        {
            key |= keyBitsOfByte[(k << 8) | body[keyBytes[k]]];
        }

        return key;
    }

    /// <summary>Row of a key: the key itself when it fits, else a multiplicative hash of it.</summary>
    public int Row(uint key) => rowShift == 32 - keyBits ? (int)key : (int)((key * 0x9E3779B1u) >> rowShift);

    public ReadOnlySpan<int> Entries(uint key)
    {
        var row = Row(key);
        return entries.AsSpan(offsets[row], offsets[row + 1] - offsets[row]);
    }
}
