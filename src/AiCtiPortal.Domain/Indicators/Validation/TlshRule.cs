using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>
/// TLSH digest: "T1" + 70 hex characters, or the legacy 70 without the prefix (Debian's tlsh 3.4 prints that form).
/// The checks here explain what is wrong; the engine's parser has the last word and writes the stored form
/// ("T1" + uppercase hex), so every stored digest is one the similarity indexes can read.
/// </summary>
internal sealed class TlshRule : IIndicatorRule
{
    private const int BodyLength = 70;

    public string? Normalize(string value, IndicatorCheck check)
    {
        if (value.Equals("TNULL", StringComparison.OrdinalIgnoreCase))
        {
            return check.Fail("TNULL is what TLSH prints when the input is too short or too uniform to digest; it identifies nothing.");
        }

        var body = value;
        var prefixed = value.StartsWith("T1", StringComparison.OrdinalIgnoreCase);
        if (prefixed)
        {
            body = value[2..];
        }

        var bad = Hex.FirstNonHex(body);
        if (bad >= 0)
        {
            return check.Fail(
                $"A TLSH digest is 'T1' followed by hexadecimal characters; '{body[bad]}' at position {bad + 1 + (prefixed ? 2 : 0)} is not hexadecimal.");
        }

        if (body.Length != BodyLength)
        {
            return check.Fail(prefixed
                ? $"A TLSH digest is 'T1' followed by 70 hexadecimal characters (72 in all); this has {value.Length} in all."
                : $"A TLSH digest is 70 hexadecimal characters after the 'T1' prefix (legacy digests omit it); this has {body.Length}.");
        }

        if (!prefixed)
        {
            check.Note("Legacy TLSH digest without the 'T1' prefix (as older tlsh tools print it); stored with the prefix.");
        }

        return TlshDigest.TryParse(body, out var digest)
            ? digest.ToString()
            : check.Fail("This is not a TLSH digest the similarity engine can read.");
    }
}
