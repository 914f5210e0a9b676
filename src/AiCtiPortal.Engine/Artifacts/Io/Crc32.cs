using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AiCtiPortal.Engine.Artifacts.Io;

/// <summary>
/// CRC-32 as used by ZIP (reflected polynomial 0xEDB88320). Written here because the BCL keeps its implementation
/// internal and System.IO.Hashing is a separate package. Where the CPU has carry-less multiplication (PCLMULQDQ),
/// blocks of 64 bytes are folded four lanes at a time (Intel, "Fast CRC Computation for Generic Polynomials Using
/// PCLMULQDQ", 2009), several times faster than tables: a stored 1 GiB PyTorch zip is CRC-checked on every scan, and
/// with the table alone that check cost as much as SHA-256 of the file (ADR 0004). The 16-byte remainder of the fold
/// and the tail go through the slicing-by-8 table, which is also the path on other CPUs.
/// </summary>
internal static class Crc32
{
    // x^(512+32) and x^(512-32) mod P (fold four lanes by 512 bits), x^(128+32) and x^(128-32) mod P (fold one lane
    // by 128 bits), bit-reflected: the constants of the Intel paper for the gzip polynomial.
    private const ulong Fold512Low = 0x154442bd4, Fold512High = 0x1c6e41596;
    private const ulong Fold128Low = 0x1751997d0, Fold128High = 0x0ccaa009e;

    private static readonly uint[] Table = BuildTable();

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        if (data.Length >= 128 && Pclmulqdq.IsSupported)
        {
            c = Fold(c, ref data);
        }

        return ~Sliced(c, data);
    }

    /// <summary>Portable path, for tests that compare it with the folding one.</summary>
    internal static uint AppendWithTable(uint crc, ReadOnlySpan<byte> data) => ~Sliced(~crc, data);

    /// <summary>
    /// Folds whole 64-byte blocks into 128 bits that have the same CRC as the bytes they replace (with the register
    /// XORed into the first four bytes), then runs those 16 bytes through the table from a zero register. Consumes
    /// the blocks from <paramref name="data"/>.
    /// </summary>
    private static uint Fold(uint register, ref ReadOnlySpan<byte> data)
    {
        ref byte start = ref MemoryMarshal.GetReference(data);
        var x0 = Vector128.LoadUnsafe(ref start).AsUInt64() ^ Vector128.CreateScalar(register).AsUInt64();
        var x1 = Vector128.LoadUnsafe(ref start, 16).AsUInt64();
        var x2 = Vector128.LoadUnsafe(ref start, 32).AsUInt64();
        var x3 = Vector128.LoadUnsafe(ref start, 48).AsUInt64();
        var k512 = Vector128.Create(Fold512Low, Fold512High);
        nuint offset = 64;
        nuint blocks = (nuint)(data.Length / 64 * 64);
        for (; offset < blocks; offset += 64)
        {
            x0 = FoldInto(x0, k512, Vector128.LoadUnsafe(ref start, offset).AsUInt64());
            x1 = FoldInto(x1, k512, Vector128.LoadUnsafe(ref start, offset + 16).AsUInt64());
            x2 = FoldInto(x2, k512, Vector128.LoadUnsafe(ref start, offset + 32).AsUInt64());
            x3 = FoldInto(x3, k512, Vector128.LoadUnsafe(ref start, offset + 48).AsUInt64());
        }

        var k128 = Vector128.Create(Fold128Low, Fold128High);
        var x = FoldInto(FoldInto(FoldInto(x0, k128, x1), k128, x2), k128, x3);
        Span<byte> remainder = stackalloc byte[16];
        x.AsByte().CopyTo(remainder);
        data = data[(int)blocks..];
        return Sliced(0, remainder);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> FoldInto(Vector128<ulong> x, Vector128<ulong> k, Vector128<ulong> next) =>
        Pclmulqdq.CarrylessMultiply(x, k, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, k, 0x11) ^ next;

    private static uint Sliced(uint c, ReadOnlySpan<byte> data)
    {
        var t = Table;
        while (data.Length >= 8)
        {
            uint one = c ^ (uint)(data[0] | data[1] << 8 | data[2] << 16 | data[3] << 24);
            uint two = (uint)(data[4] | data[5] << 8 | data[6] << 16 | data[7] << 24);
            c = t[(7 * 256) + (one & 0xFF)] ^ t[(6 * 256) + ((one >> 8) & 0xFF)] ^ t[(5 * 256) + ((one >> 16) & 0xFF)] ^ t[(4 * 256) + (one >> 24)]
              ^ t[(3 * 256) + (two & 0xFF)] ^ t[(2 * 256) + ((two >> 8) & 0xFF)] ^ t[256 + ((two >> 16) & 0xFF)] ^ t[two >> 24];
            data = data[8..];
        }

        foreach (byte b in data)
        {
            c = t[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        for (int i = 0; i < 256; i++)
        {
            for (int slice = 1; slice < 8; slice++)
            {
                uint prev = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = (prev >> 8) ^ table[prev & 0xFF];
            }
        }

        return table;
    }
}
