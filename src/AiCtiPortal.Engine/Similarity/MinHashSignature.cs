using System.Buffers.Binary;

namespace AiCtiPortal.Engine.Similarity;

/// <summary>
/// MinHash signature of a set: for each slot i, the minimum over the elements of (a_i·h + b_i) mod (2^61 − 1),
/// h being the element's stable 32-bit hash. The fraction of equal slots between two signatures estimates the
/// Jaccard similarity of the sets (standard error about sqrt(J(1−J)/slots), ±0.044 at J = 0.5 with 128 slots).
/// </summary>
public sealed class MinHashSignature : IEquatable<MinHashSignature>
{
    /// <summary>Default number of slots (permutations).</summary>
    public const int DefaultSlots = 128;

    /// <summary>Slot value of a signature built from an empty set.</summary>
    public const ulong EmptySlot = ulong.MaxValue;

    private readonly ulong[] values;

    private MinHashSignature(ulong[] values) => this.values = values;

    /// <summary>Number of slots.</summary>
    public int Count => values.Length;

    /// <summary>Slot values, in slot order.</summary>
    public ReadOnlySpan<ulong> Values => values;

    /// <summary>True when the signature was built from an empty set; it is similar to nothing.</summary>
    public bool IsEmpty => values.Length == 0 || values[0] == EmptySlot;

    /// <summary>Signature of a set of strings (duplicates do not matter; each is hashed with <see cref="MinHashHashing.Hash32(string)"/>).</summary>
    public static MinHashSignature FromStrings(IEnumerable<string> elements, int slots = DefaultSlots)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return FromHashes(elements.Select(MinHashHashing.Hash32), slots);
    }

    /// <summary>Signature of a set of 32-bit element hashes computed by the caller.</summary>
    public static MinHashSignature FromHashes(IEnumerable<uint> hashes, int slots = DefaultSlots)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        var coefficients = MinHashHashing.Coefficients(slots);
        var mins = new ulong[slots];
        Array.Fill(mins, EmptySlot);
        foreach (var h in hashes)
        {
            for (var i = 0; i < mins.Length; i++)
            {
                var v = MinHashHashing.Permute(coefficients[2 * i], coefficients[(2 * i) + 1], h);
                if (v < mins[i])
                {
                    mins[i] = v;
                }
            }
        }

        return new MinHashSignature(mins);
    }

    /// <summary>Rebuilds a signature from stored slot values (e.g. a database row).</summary>
    public static MinHashSignature FromValues(ReadOnlySpan<ulong> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("A signature needs at least one slot.", nameof(values));
        }

        foreach (var v in values)
        {
            if (v >= MinHashHashing.Prime && v != EmptySlot)
            {
                throw new ArgumentException("Slot value outside the permutation range.", nameof(values));
            }
        }

        return new MinHashSignature(values.ToArray());
    }

    /// <summary>Estimated Jaccard similarity: fraction of equal slots; 0 when either set was empty.</summary>
    public double EstimateJaccard(MinHashSignature other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.values.Length != values.Length)
        {
            throw new ArgumentException("Signatures have different slot counts.", nameof(other));
        }

        if (IsEmpty || other.IsEmpty)
        {
            return 0;
        }

        var equal = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] == other.values[i])
            {
                equal++;
            }
        }

        return (double)equal / values.Length;
    }

    /// <summary>Compact storage form: slot values as little-endian 64-bit integers, base64-encoded.</summary>
    public string ToBase64()
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Parses the form written by <see cref="ToBase64"/>; false on anything malformed.</summary>
    public static bool TryParse(string? text, out MinHashSignature? signature)
    {
        signature = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written) || written == 0 || written % 8 != 0)
        {
            return false;
        }

        var slots = new ulong[written / 8];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(i * 8));
            if (slots[i] >= MinHashHashing.Prime && slots[i] != EmptySlot)
            {
                return false;
            }
        }

        signature = new MinHashSignature(slots);
        return true;
    }

    public bool Equals(MinHashSignature? other) =>
        other is not null && values.AsSpan().SequenceEqual(other.values);

    public override bool Equals(object? obj) => Equals(obj as MinHashSignature);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return hash.ToHashCode();
    }
}
