using System.Globalization;
using System.Text;

namespace AiCtiPortal.Engine.Tests.Similarity;

/// <summary>
/// Deterministic test inputs named by a spec string, so the committed vectors name their inputs instead of
/// storing them. A private SplitMix64 keeps the bytes stable across .NET versions.
/// </summary>
/// <remarks>
/// Specs: <c>zeros:LEN</c>, <c>rand:SEED:LEN</c>, <c>text:SEED:LEN</c> (pseudo-random words),
/// <c>low:SEED:LEN</c> (random 'a'/'b'), <c>rep:PATTERN:LEN</c>, <c>alpha:LEN</c> ('A' + i mod 26, last byte 0),
/// <c>mut:SEED:LEN:EDITS</c> (text:SEED:LEN with EDITS random replacements, insertions and deletions),
/// <c>lit:TEXT</c> (the UTF-8 text itself).
/// </remarks>
internal static class TestCorpus
{
    private static readonly string[] Words =
    [
        "model", "tensor", "pickle", "weights", "layer", "config", "import", "torch", "numpy", "gradient", "token",
        "embedding", "attention", "the", "of", "and", "a", "to", "in", "is", "for", "on", "with", "as", "by", "safe",
        "loader", "archive", "storage", "reduce", "global", "module", "function", "class", "return", "value",
        "threat", "intel", "report", "sample", "hash", "similar", "digest", "bucket", "quartile", "window",
    ];

    public static byte[] Generate(string spec)
    {
        using var buffer = new MemoryStream();
        Write(spec, buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the input to <paramref name="output"/> in bounded chunks (used for the 200 MiB file).</summary>
    public static void Write(string spec, Stream output)
    {
        string[] f = spec.Split(':', 2);
        string kind = f[0];
        if (kind == "lit")
        {
            output.Write(Encoding.UTF8.GetBytes(f[1]));
            return;
        }

        string[] a = f[1].Split(':');
        switch (kind)
        {
            case "zeros":
                WriteChunks(output, Long(a[0]), static (span, _) => span.Clear());
                break;
            case "rand":
                var rand = new SplitMix64(ulong.Parse(a[0], CultureInfo.InvariantCulture));
                WriteChunks(output, Long(a[1]), (span, _) => rand.Fill(span));
                break;
            case "low":
                var low = new SplitMix64(ulong.Parse(a[0], CultureInfo.InvariantCulture));
                WriteChunks(output, Long(a[1]), (span, _) =>
                {
                    for (int i = 0; i < span.Length; i++)
                    {
                        span[i] = (byte)('a' + (int)(low.Next() & 1));
                    }
                });
                break;
            case "text":
                var text = new TextSource(ulong.Parse(a[0], CultureInfo.InvariantCulture));
                WriteChunks(output, Long(a[1]), (span, _) => text.Fill(span));
                break;
            case "rep":
                byte[] pattern = Encoding.UTF8.GetBytes(a[0]);
                WriteChunks(output, Long(a[1]), (span, offset) =>
                {
                    for (int i = 0; i < span.Length; i++)
                    {
                        span[i] = pattern[(int)((offset + i) % pattern.Length)];
                    }
                });
                break;
            case "alpha":
                long alphaLength = Long(a[0]);
                WriteChunks(output, alphaLength, (span, offset) =>
                {
                    for (int i = 0; i < span.Length; i++)
                    {
                        long at = offset + i;
                        span[i] = at == alphaLength - 1 ? (byte)0 : (byte)('A' + (at % 26));
                    }
                });
                break;
            case "mut":
                output.Write(Mutate(Generate($"text:{a[0]}:{a[1]}"), ulong.Parse(a[0], CultureInfo.InvariantCulture) * 7919 + ulong.Parse(a[2], CultureInfo.InvariantCulture), int.Parse(a[2], CultureInfo.InvariantCulture)));
                break;
            default:
                throw new ArgumentException($"Unknown corpus spec '{spec}'.", nameof(spec));
        }
    }

    /// <summary>A file-name-safe form of a spec.</summary>
    public static string FileName(string spec)
    {
        var sb = new StringBuilder();
        foreach (char c in spec)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return sb.Append('-').Append(((uint)StableHash(spec)).ToString("x8", CultureInfo.InvariantCulture)).ToString();
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = (int)2166136261;
            foreach (char c in s)
            {
                h = (h ^ c) * 16777619;
            }

            return h;
        }
    }

    private static byte[] Mutate(byte[] input, ulong seed, int edits)
    {
        var rng = new SplitMix64(seed);
        var list = new List<byte>(input);
        for (int e = 0; e < edits && list.Count > 0; e++)
        {
            int at = (int)(rng.Next() % (ulong)list.Count);
            int length = 1 + (int)(rng.Next() % 16);
            switch (rng.Next() % 3)
            {
                case 0:
                    for (int i = at; i < Math.Min(list.Count, at + length); i++)
                    {
                        list[i] = (byte)rng.Next();
                    }

                    break;
                case 1:
                    for (int i = 0; i < length; i++)
                    {
                        list.Insert(at, (byte)('a' + (int)(rng.Next() % 26)));
                    }

                    break;
                default:
                    list.RemoveRange(at, Math.Min(length, list.Count - at));
                    break;
            }
        }

        return [.. list];
    }

    private static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);

    private delegate void Filler(Span<byte> span, long offset);

    private static void WriteChunks(Stream output, long length, Filler fill)
    {
        byte[] chunk = new byte[1 << 16];
        for (long offset = 0; offset < length; offset += chunk.Length)
        {
            int n = (int)Math.Min(chunk.Length, length - offset);
            fill(chunk.AsSpan(0, n), offset);
            output.Write(chunk, 0, n);
        }
    }

    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public void Fill(Span<byte> span)
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (byte)(Next() >> 56);
            }
        }
    }

    // Words separated by spaces and occasional newlines; state carries across chunks.
    private sealed class TextSource(ulong seed)
    {
        private static readonly byte[][] Spaced = [.. Words.Select(w => Encoding.ASCII.GetBytes(w + " "))];
        private static readonly byte[][] Lined = [.. Words.Select(w => Encoding.ASCII.GetBytes(w + "\n"))];
        private readonly SplitMix64 _rng = new(seed);
        private byte[] _pending = [];
        private int _at;

        public void Fill(Span<byte> span)
        {
            for (int i = 0; i < span.Length; i++)
            {
                if (_at == _pending.Length)
                {
                    ulong r = _rng.Next();
                    int word = (int)(r % (ulong)Words.Length);
                    _pending = (r >> 32) % 11 == 0 ? Lined[word] : Spaced[word];
                    _at = 0;
                }

                span[i] = _pending[_at++];
            }
        }
    }
}
