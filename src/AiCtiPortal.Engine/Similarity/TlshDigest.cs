using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AiCtiPortal.Engine.Similarity;

/// <summary>
/// A standard TLSH digest (128 buckets, 1-byte checksum): header (checksum, length code, quartile ratios) and a
/// 32-byte body. Immutable and allocation-free: the body lives inline in the struct.
/// </summary>
/// <remarks>
/// <see cref="Body"/> is in the reference implementation's internal order (its <c>tmp_code</c> array): byte
/// <c>i</c> holds buckets <c>4i..4i+3</c>, bucket <c>4i+j</c> in bits <c>2j..2j+1</c> (lowest bucket in the lowest
/// bits). The printed form reverses the body bytes, so <c>Body[31]</c> is printed first.
/// </remarks>
public readonly struct TlshDigest : IEquatable<TlshDigest>
{
    /// <summary>Number of body bytes (128 buckets at 2 bits each).</summary>
    public const int BodyLength = 32;

    /// <summary>Hex characters of the digest without the "T1" version prefix (3 header bytes + 32 body bytes).</summary>
    public const int LegacyStringLength = 2 * (3 + BodyLength);

    private readonly BodyBytes _body;

    /// <summary>Creates a digest from its fields; <paramref name="q1Ratio"/> and <paramref name="q2Ratio"/> are 4-bit values.</summary>
    public TlshDigest(byte checksum, byte lengthCode, byte q1Ratio, byte q2Ratio, ReadOnlySpan<byte> body)
    {
        if (q1Ratio > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(q1Ratio), q1Ratio, "The Q1 ratio is a 4-bit value (0-15).");
        }

        if (q2Ratio > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(q2Ratio), q2Ratio, "The Q2 ratio is a 4-bit value (0-15).");
        }

        if (body.Length != BodyLength)
        {
            throw new ArgumentException($"A TLSH body is {BodyLength} bytes, got {body.Length}.", nameof(body));
        }

        Checksum = checksum;
        LengthCode = lengthCode;
        Q1Ratio = q1Ratio;
        Q2Ratio = q2Ratio;
        body.CopyTo(_body);
    }

    /// <summary>The 1-byte checksum over consecutive byte pairs.</summary>
    public byte Checksum { get; }

    /// <summary>The logarithmic length class of the input (the reference's 170-entry threshold table).</summary>
    public byte LengthCode { get; }

    /// <summary>(q1 · 100 / q3) mod 16.</summary>
    public byte Q1Ratio { get; }

    /// <summary>(q2 · 100 / q3) mod 16.</summary>
    public byte Q2Ratio { get; }

    /// <summary>The 32 body bytes in the reference's internal bucket order (see the type remarks).</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Body => _body;

    /// <summary>
    /// Parses "T1" followed by 70 hex digits, or the 70 hex digits alone (as Debian's tlsh 3.4.4 prints them),
    /// case-insensitively. Anything else (other lengths, other version prefixes, whitespace) is rejected.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TlshDigest digest)
    {
        digest = default;
        if (text is null)
        {
            return false;
        }

        ReadOnlySpan<char> hex = text;
        if (hex.Length == LegacyStringLength + 2 && (hex[0] == 'T' || hex[0] == 't') && hex[1] == '1')
        {
            hex = hex[2..];
        }

        if (hex.Length != LegacyStringLength)
        {
            return false;
        }

        Span<byte> raw = stackalloc byte[3 + BodyLength];
        for (int i = 0; i < raw.Length; i++)
        {
            int hi = HexValue(hex[2 * i]);
            int lo = HexValue(hex[(2 * i) + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            raw[i] = (byte)((hi << 4) | lo);
        }

        // Header bytes are printed nibble-swapped; the Q byte holds Q1 in its low nibble before the swap.
        byte q = SwapNibbles(raw[2]);
        Span<byte> body = stackalloc byte[BodyLength];
        for (int i = 0; i < BodyLength; i++)
        {
            body[i] = raw[3 + BodyLength - 1 - i];
        }

        digest = new TlshDigest(SwapNibbles(raw[0]), SwapNibbles(raw[1]), (byte)(q & 0x0F), (byte)(q >> 4), body);
        return true;
    }

    /// <summary>Parses a digest as <see cref="TryParse"/> does, throwing <see cref="FormatException"/> when it is not one.</summary>
    public static TlshDigest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out var digest))
        {
            return digest;
        }

        throw new FormatException(
            $"'{Shorten(text)}' is not a TLSH digest: expected \"T1\" followed by {LegacyStringLength} hex digits, " +
            $"or the {LegacyStringLength} hex digits alone (got {text.Length} characters).");
    }

    /// <summary>The modern form: "T1" and 70 uppercase hex digits.</summary>
    public override string ToString() => string.Create(LegacyStringLength + 2, this, static (chars, d) =>
    {
        chars[0] = 'T';
        chars[1] = '1';
        d.WriteHex(chars[2..]);
    });

    /// <summary>The 70 uppercase hex digits without a prefix, as Debian's tlsh 3.4.4 prints and accepts them.</summary>
    public string ToLegacyString() => string.Create(LegacyStringLength, this, static (chars, d) => d.WriteHex(chars));

    /// <summary>
    /// The reference TLSH distance: 0 for identical digests, larger for less similar inputs (≤ ~100 usually means
    /// related). <paramref name="includeLength"/> = false is the tool's <c>-xlen</c>.
    /// </summary>
    public static int Distance(in TlshDigest a, in TlshDigest b, bool includeLength = true)
    {
        int diff = HeaderDistance(a, b, includeLength);
        ref byte table = ref MemoryMarshal.GetArrayDataReference(TlshTables.BodyByteDistance);
        ReadOnlySpan<byte> x = a.Body;
        ReadOnlySpan<byte> y = b.Body;
        for (int i = 0; i < BodyLength; i++)
        {
            diff += Unsafe.Add(ref table, (x[i] << 8) | y[i]);
        }

        return diff;
    }

    /// <summary>The header part of <see cref="Distance"/> (length, quartile ratios, checksum) without the body.</summary>
    public static int HeaderDistance(in TlshDigest a, in TlshDigest b, bool includeLength = true)
    {
        int diff = 0;
        if (includeLength)
        {
            int ld = CircularDifference(a.LengthCode, b.LengthCode, 256);
            diff = ld <= 1 ? ld : ld * 12;
        }

        int q1 = CircularDifference(a.Q1Ratio, b.Q1Ratio, 16);
        diff += q1 <= 1 ? q1 : (q1 - 1) * 12;
        int q2 = CircularDifference(a.Q2Ratio, b.Q2Ratio, 16);
        diff += q2 <= 1 ? q2 : (q2 - 1) * 12;
        if (a.Checksum != b.Checksum)
        {
            diff++;
        }

        return diff;
    }

    public bool Equals(TlshDigest other) =>
        Checksum == other.Checksum && LengthCode == other.LengthCode && Q1Ratio == other.Q1Ratio &&
        Q2Ratio == other.Q2Ratio && Body.SequenceEqual(other.Body);

    public override bool Equals(object? obj) => obj is TlshDigest other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Checksum);
        hash.Add(LengthCode);
        hash.Add(Q1Ratio);
        hash.Add(Q2Ratio);
        hash.AddBytes(Body);
        return hash.ToHashCode();
    }

    public static bool operator ==(TlshDigest left, TlshDigest right) => left.Equals(right);

    public static bool operator !=(TlshDigest left, TlshDigest right) => !left.Equals(right);

    private void WriteHex(Span<char> chars)
    {
        const string digits = "0123456789ABCDEF";
        Span<byte> raw = stackalloc byte[3 + BodyLength];
        raw[0] = SwapNibbles(Checksum);
        raw[1] = SwapNibbles(LengthCode);
        raw[2] = SwapNibbles((byte)(Q1Ratio | (Q2Ratio << 4)));
        ReadOnlySpan<byte> body = Body;
        for (int i = 0; i < BodyLength; i++)
        {
            raw[3 + i] = body[BodyLength - 1 - i];
        }

        for (int i = 0; i < raw.Length; i++)
        {
            chars[2 * i] = digits[raw[i] >> 4];
            chars[(2 * i) + 1] = digits[raw[i] & 0x0F];
        }
    }

    private static int CircularDifference(int x, int y, int range)
    {
        int d = Math.Abs(x - y);
        return Math.Min(d, range - d);
    }

    private static byte SwapNibbles(byte b) => (byte)((b >> 4) | (b << 4));

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");

    [InlineArray(BodyLength)]
    private struct BodyBytes
    {
        private byte _element0;
    }
}
