using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Curation.Quality;

/// <summary>
/// Checks a stored ValueHash against <see cref="IndicatorCatalogue.ValueHash"/> of the stored normalised value
/// without allocating: the nightly job re-checks a million indicators, and the catalogue's method builds three
/// strings and two arrays per call. A test pins the two to the same definition.
/// </summary>
internal static class ValueHashes
{
    private const int StackLimit = 1024;

    // "{type}\n" in UTF-8 per type, indexed by the enum's value; null where no type has that value.
    private static readonly byte[]?[] Prefixes = BuildPrefixes();

    /// <summary>True for a type this build of the catalogue knows.</summary>
    public static bool IsKnown(IndicatorType type) => (uint)type < (uint)Prefixes.Length && Prefixes[(int)type] is not null;

    public static bool Matches(IndicatorType type, string normalizedValue, string storedHash)
    {
        if (!IsKnown(type) || storedHash.Length != 64)
        {
            return false;
        }

        var prefix = Prefixes[(int)type]!;
        var length = prefix.Length + Encoding.UTF8.GetMaxByteCount(normalizedValue.Length);
        byte[]? rented = null;
        Span<byte> buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            prefix.CopyTo(buffer);
            var written = prefix.Length + Encoding.UTF8.GetBytes(normalizedValue, buffer[prefix.Length..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            Span<char> hex = stackalloc char[64];
            Convert.TryToHexStringLower(hash, hex, out _);

            // Ordinal: the catalogue writes lowercase, and an uppercase stored hash misses exact-duplicate lookups too.
            return hex.SequenceEqual(storedHash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static byte[]?[] BuildPrefixes()
    {
        var types = Enum.GetValues<IndicatorType>();
        var prefixes = new byte[]?[types.Max(t => (int)t) + 1];
        foreach (var type in types)
        {
            prefixes[(int)type] = Encoding.UTF8.GetBytes($"{type}\n");
        }

        return prefixes;
    }
}
