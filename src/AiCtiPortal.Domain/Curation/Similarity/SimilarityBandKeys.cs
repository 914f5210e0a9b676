using System.Buffers.Binary;
using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// LSH band keys of stored signatures. The bands (b × r) per set kind are part of the stored format, fixed from the
/// default thresholds, not from configuration: changing a threshold in settings then only moves the query's cut-off
/// and never strands the keys already in the database. Everything here is deterministic across processes.
/// </summary>
internal static class SimilarityBandKeys
{
    /// <summary>The Jaccard each kind's bands are tuned for (SimilarityOptions' defaults).</summary>
    private static readonly Dictionary<SimilaritySetKind, (int Bands, int Rows)> Layout = new()
    {
        [SimilaritySetKind.ReportText] = MinHashLshIndex.ChooseBands(0.5),
        [SimilaritySetKind.ReportImports] = MinHashLshIndex.ChooseBands(0.5),
        [SimilaritySetKind.Prompt] = MinHashLshIndex.ChooseBands(0.6),
    };

    public static (int Bands, int Rows) For(SimilaritySetKind kind) => Layout[kind];

    /// <summary>One key per band; an empty signature (empty set) has none, since it resembles nothing.</summary>
    public static long[] Of(SimilaritySetKind kind, MinHashSignature signature)
    {
        if (signature.IsEmpty || signature.Count != MinHashSignature.DefaultSlots)
        {
            return [];
        }

        var (bands, rows) = Layout[kind];
        var keys = new long[bands];
        var values = signature.Values;
        for (var band = 0; band < bands; band++)
        {
            // Kind and band are mixed in first, so equal rows of different bands or kinds never share a key.
            var key = 0x9E3779B97F4A7C15UL * (ulong)((((int)kind + 1) * 1024) + band + 1);
            foreach (var v in values.Slice(band * rows, rows))
            {
                key = (key ^ v) * 0xFF51AFD7ED558CCDUL;
                key ^= key >> 32;
            }

            keys[band] = unchecked((long)key);
        }

        return keys;
    }

    public static byte[] Pack(MinHashSignature signature)
    {
        var bytes = new byte[signature.Count * sizeof(ulong)];
        var values = signature.Values;
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), values[i]);
        }

        return bytes;
    }

    /// <summary>The stored signature, or null for a row that records an empty or unusable set.</summary>
    public static MinHashSignature? Unpack(byte[] bytes)
    {
        if (bytes.Length == 0 || bytes.Length % sizeof(ulong) != 0)
        {
            return null;
        }

        var values = new ulong[bytes.Length / sizeof(ulong)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)));
        }

        var signature = MinHashSignature.FromValues(values);
        return signature.IsEmpty ? null : signature;
    }
}
