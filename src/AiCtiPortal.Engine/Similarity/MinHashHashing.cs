using System.Text;

namespace AiCtiPortal.Engine.Similarity;

/// <summary>
/// Hashing primitives behind <see cref="MinHashSignature"/>. Everything here is deterministic across processes
/// and machines (never <c>string.GetHashCode</c>, which is randomised per process), because signatures are stored
/// in the database and compared with signatures computed later.
/// </summary>
public static class MinHashHashing
{
    /// <summary>The Mersenne prime 2^61 − 1 used as the modulus of the slot permutations.</summary>
    public const ulong Prime = (1UL << 61) - 1;

    /// <summary>Seed of the slot coefficients. Changing it invalidates every stored signature.</summary>
    private const ulong CoefficientSeed = 0x6A09E667F3BCC908UL;

    private static readonly object CoefficientLock = new();
    // One array (a0, b0, a1, b1, ...) so a reader never pairs the a's of one table with the b's of another: a
    // reference swap is atomic, a two-array tuple is not.
    private static ulong[] coefficients = CreateCoefficients(MinHashSignature.DefaultSlots);

    /// <summary>Stable 32-bit hash of a string: FNV-1a over its UTF-8 bytes, then a final avalanche mix.</summary>
    public static uint Hash32(string element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var byteCount = Encoding.UTF8.GetByteCount(element);
        Span<byte> buffer = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(element, buffer);
        return Hash32(buffer);
    }

    /// <summary>Stable 32-bit hash of bytes: FNV-1a, then a final avalanche mix.</summary>
    public static uint Hash32(ReadOnlySpan<byte> data)
    {
        var hash = 2166136261u;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 16777619u;
        }

        // FNV-1a's low bits mix poorly for short inputs; the murmur3 finaliser spreads every input bit.
        return Mix32(hash);
    }

    internal static uint Mix32(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }

    /// <summary>(a·h + b) mod (2^61 − 1) without 128-bit division: 2^61 ≡ 1, so high parts fold onto low ones.</summary>
    internal static ulong Permute(ulong a, ulong b, uint h)
    {
        var hi = Math.BigMul(a, h, out var lo);
        var r = (lo & Prime) + (lo >> 61) + (hi << 3);
        r = (r & Prime) + (r >> 61) + b;
        r = (r & Prime) + (r >> 61);
        return r >= Prime ? r - Prime : r;
    }

    /// <summary>Coefficients (a0, b0, a1, b1, ...) for at least <paramref name="slots"/> slots; slot i always gets the same pair.</summary>
    internal static ulong[] Coefficients(int slots)
    {
        var current = Volatile.Read(ref coefficients);
        if (current.Length >= 2 * slots)
        {
            return current;
        }

        lock (CoefficientLock)
        {
            if (coefficients.Length < 2 * slots)
            {
                Volatile.Write(ref coefficients, CreateCoefficients(slots));
            }

            return coefficients;
        }
    }

    private static ulong[] CreateCoefficients(int slots)
    {
        var pairs = new ulong[2 * slots];
        var state = CoefficientSeed;
        for (var i = 0; i < slots; i++)
        {
            // Drawn in a fixed order from one SplitMix64 stream, so a longer table extends a shorter one.
            pairs[2 * i] = 1 + (SplitMix64(ref state) % (Prime - 1));
            pairs[(2 * i) + 1] = SplitMix64(ref state) % Prime;
        }

        return pairs;
    }

    internal static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
