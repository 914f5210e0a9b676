using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AiCtiPortal.Engine.Similarity;

/// <summary>
/// Streaming TLSH (128 buckets, 1-byte checksum, window of 5 bytes). Feed any number of chunks with
/// <see cref="Update"/>, then call <see cref="Finish"/>. Not thread-safe; one instance per input.
/// </summary>
public sealed class TlshHasher
{
    /// <summary>Smallest input that gets a digest with <see cref="TlshProfile.Modern"/> (TLSH 4.x).</summary>
    public const int ModernMinimumLength = 50;

    /// <summary>Smallest input that gets a digest with <see cref="TlshProfile.Legacy"/> (Debian's tlsh 3.4.4).</summary>
    public const int LegacyMinimumLength = 256;

    private const int Buckets = 128;

    // The reference hashes into 256 counters and keeps the first 128: counting all 256 avoids a branch per update.
    private readonly uint[] _counts = new uint[256];
    private readonly TlshProfile _profile;
    private long _length;
    private byte _checksum;

    // The four previous bytes, newest first.
    private byte _w1, _w2, _w3, _w4;
    private bool _finished;

    public TlshHasher(TlshProfile profile = TlshProfile.Modern)
    {
        if (profile is not (TlshProfile.Modern or TlshProfile.Legacy))
        {
            throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown TLSH profile.");
        }

        _profile = profile;
    }

    /// <summary>Bytes fed so far.</summary>
    public long Length => _length;

    /// <summary>The digest of <paramref name="data"/>, or null when TLSH is undefined for it (see <see cref="Finish"/>).</summary>
    public static TlshDigest? Compute(ReadOnlySpan<byte> data, TlshProfile profile = TlshProfile.Modern)
    {
        var hasher = new TlshHasher(profile);
        hasher.Update(data);
        return hasher.Finish();
    }

    public void Update(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_finished, this);

        // The first four bytes only fill the window.
        while (_length < 4 && !data.IsEmpty)
        {
            Shift(data[0]);
            data = data[1..];
            _length++;
        }

        if (data.IsEmpty)
        {
            return;
        }

        UpdateWindowFull(data);
        _length += data.Length;
    }

    /// <summary>
    /// The digest, or null when TLSH is undefined: input shorter than the profile's minimum, a third quartile of 0,
    /// or 64 or fewer non-empty buckets (too little variety). The hasher cannot be used afterwards.
    /// </summary>
    public TlshDigest? Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        long minimum = _profile == TlshProfile.Legacy ? LegacyMinimumLength : ModernMinimumLength;
        if (_length < minimum)
        {
            return null;
        }

        ReadOnlySpan<uint> counts = _counts.AsSpan(0, Buckets);
        Span<uint> sorted = stackalloc uint[Buckets];
        counts.CopyTo(sorted);
        sorted.Sort();
        uint q1 = sorted[(Buckets / 4) - 1];
        uint q2 = sorted[(Buckets / 2) - 1];
        uint q3 = sorted[Buckets - (Buckets / 4) - 1];
        if (q3 == 0)
        {
            return null;
        }

        int nonZero = Buckets - sorted.IndexOfAnyExcept(0u);
        if (nonZero <= Buckets / 2)
        {
            return null;
        }

        Span<byte> body = stackalloc byte[TlshDigest.BodyLength];
        for (int i = 0; i < body.Length; i++)
        {
            int packed = 0;
            for (int j = 0; j < 4; j++)
            {
                uint k = counts[(4 * i) + j];
                int code = k > q3 ? 3 : k > q2 ? 2 : k > q1 ? 1 : 0;
                packed |= code << (2 * j);
            }

            body[i] = (byte)packed;
        }

        return new TlshDigest(_checksum, TlshTables.LengthCode(_length), Ratio(q1, q3), Ratio(q2, q3), body);
    }

    // The reference computes the ratio in single precision from a 32-bit product: reproduced exactly, because
    // for large inputs both the wrap-around and the rounding change the result.
    private static byte Ratio(uint q, uint q3) => (byte)((uint)((float)unchecked(q * 100u) / q3) % 16);

    private void Shift(byte w0)
    {
        _w4 = _w3;
        _w3 = _w2;
        _w2 = _w1;
        _w1 = w0;
    }

    // Hot loop: six bucket updates and a checksum step per byte. Each hash is Pearson over (salt, w0, a, b); the
    // first two steps (salt, w0) come from one precomputed 256-entry row per salt, so each is three lookups. All
    // tables share one base pointer (rows at constant offsets) to keep every live value in a register.
    [SkipLocalsInit]
    private void UpdateWindowFull(ReadOnlySpan<byte> data)
    {
        ref byte t = ref MemoryMarshal.GetArrayDataReference(SaltRows.Table);
        ref uint counts = ref MemoryMarshal.GetArrayDataReference(_counts);
        ref byte src = ref MemoryMarshal.GetReference(data);
        nint n = data.Length;
        uint w1 = _w1, w2 = _w2, w3 = _w3, w4 = _w4, ck = _checksum;

        for (nint i = 0; i < n; i++)
        {
            nint w0 = Unsafe.Add(ref src, i);
            ck = Unsafe.Add(ref t, Unsafe.Add(ref t, Unsafe.Add(ref t, w0 + Row0) ^ w1) ^ ck);
            Unsafe.Add(ref counts, Unsafe.Add(ref t, Unsafe.Add(ref t, Unsafe.Add(ref t, w0 + Row2) ^ w1) ^ w2))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref t, Unsafe.Add(ref t, Unsafe.Add(ref t, w0 + Row3) ^ w1) ^ w3))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref t, Unsafe.Add(ref t, Unsafe.Add(ref t, w0 + Row5) ^ w2) ^ w3))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref t, Unsafe.Add(ref t, Unsafe.Add(ref t, w0 + Row7) ^ w2) ^ w4))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref t, Unsafe.Add(ref t, Unsafe.Add(ref t, w0 + Row11) ^ w1) ^ w4))++;
            Unsafe.Add(ref counts, Unsafe.Add(ref t, Unsafe.Add(ref t, Unsafe.Add(ref t, w0 + Row13) ^ w3) ^ w4))++;
            w4 = w3;
            w3 = w2;
            w2 = w1;
            w1 = (uint)w0;
        }

        _w1 = (byte)w1;
        _w2 = (byte)w2;
        _w3 = (byte)w3;
        _w4 = (byte)w4;
        _checksum = (byte)ck;
    }

    private const int Row0 = 256, Row2 = 512, Row3 = 768, Row5 = 1024, Row7 = 1280, Row11 = 1536, Row13 = 1792;

    /// <summary>
    /// The Pearson table, then one row per salt s (0 for the checksum, then 2, 3, 5, 7, 11, 13):
    /// row[w] = Pearson[Pearson[s] ^ w].
    /// </summary>
    private static class SaltRows
    {
        public static readonly byte[] Table = Build();

        private static byte[] Build()
        {
            ReadOnlySpan<byte> salts = [0, 2, 3, 5, 7, 11, 13];
            ReadOnlySpan<byte> v = TlshTables.Pearson;
            var table = new byte[(salts.Length + 1) * 256];
            v.CopyTo(table);
            for (int s = 0; s < salts.Length; s++)
            {
                for (int w = 0; w < 256; w++)
                {
                    table[((s + 1) * 256) + w] = v[v[salts[s]] ^ w];
                }
            }

            return table;
        }
    }
}
