using System.Text;

namespace AiCtiPortal.Benchmarks.Corpus;

/// <summary>
/// Deterministic synthetic file contents. Each file draws its own "file type": its own vocabulary and alphabet
/// for text, its own instruction set for code-like bytes, its own record layout, its own share of high-entropy
/// (packed) data and its own byte skew. That spread matters: files of one generator profile would all hash to
/// nearby TLSH digests, unlike a real corpus of many formats, compilers and packers.
/// Variants apply the edits real file families show: patched bytes, inserted and deleted blocks, appended data.
/// </summary>
internal sealed class SyntheticFiles
{
    private readonly string[] words;
    private readonly byte[] opcodes;
    private readonly byte[] binaryAlphabet;
    private readonly string recordFormat;
    private readonly int[] segmentWeights;

    private SyntheticFiles(Random random)
    {
        const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
        var alphabet = Letters.OrderBy(_ => random.Next()).Take(random.Next(6, Letters.Length)).ToArray();
        words = Enumerable.Range(0, random.Next(8, 400))
            .Select(_ => new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .ToArray();
        opcodes = RandomBytes(random, random.Next(2, 64));
        binaryAlphabet = RandomBytes(random, random.Next(2, 256));
        recordFormat = string.Join(random.Next(2) == 0 ? ";" : ",", Enumerable.Range(0, random.Next(1, 6)).Select(i => $"{words[random.Next(words.Length)]}={{{i}}}"));
        segmentWeights = Enumerable.Range(0, 5).Select(_ => random.Next(0, 10)).ToArray();
        segmentWeights[random.Next(5)] += 5;
    }

    /// <summary>A file of <paramref name="length"/> bytes with a freshly drawn file type.</summary>
    public static byte[] Create(Random random, int length) => new SyntheticFiles(random).Generate(random, length);

    /// <summary>
    /// A variant of <paramref name="source"/> with about <paramref name="intensity"/> (fraction of the length)
    /// of it edited in a handful of places.
    /// </summary>
    public static byte[] Mutate(Random random, byte[] source, double intensity)
    {
        var data = new List<byte>(source);
        var budget = Math.Max(1, (int)(source.Length * intensity));
        while (budget > 0)
        {
            var size = Math.Min(budget, random.Next(1, Math.Max(2, source.Length / 50)));
            budget -= size;
            var at = random.Next(Math.Max(1, data.Count - size));
            switch (random.Next(4))
            {
                case 0:
                    for (var i = 0; i < size && at + i < data.Count; i++)
                    {
                        data[at + i] = (byte)random.Next(256);
                    }

                    break;
                case 1:
                    data.InsertRange(at, RandomBytes(random, size));
                    break;
                case 2:
                    data.RemoveRange(at, Math.Min(size, data.Count - at - 1));
                    break;
                default:
                    // Appended data copied from elsewhere in the file, like an overlay or a repeated resource.
                    var from = random.Next(Math.Max(1, source.Length - size));
                    data.AddRange(source.AsSpan(from, Math.Min(size, source.Length - from)).ToArray());
                    break;
            }
        }

        return [.. data];
    }

    private byte[] Generate(Random random, int length)
    {
        var output = new MemoryStream(length + 8192);
        var total = segmentWeights.Sum();
        while (output.Length < length)
        {
            var segment = random.Next(256, 8192);
            var pick = random.Next(total);
            var kind = 0;
            while (pick >= segmentWeights[kind])
            {
                pick -= segmentWeights[kind];
                kind++;
            }

            switch (kind)
            {
                case 0: WriteText(random, output, segment); break;
                case 1: WriteCodeLike(random, output, segment); break;
                case 2: WriteRecords(random, output, segment); break;
                case 3: WriteSkewedBinary(random, output, segment); break;
                default: output.Write(RandomBytes(random, segment / 2)); break;
            }
        }

        output.SetLength(length);
        return output.ToArray();
    }

    private static byte[] RandomBytes(Random random, int size)
    {
        var bytes = new byte[size];
        random.NextBytes(bytes);
        return bytes;
    }

    private void WriteText(Random random, Stream output, int size)
    {
        var sb = new StringBuilder(size + 32);
        while (sb.Length < size)
        {
            // Zipf-like word choice: low indices are frequent, as in natural language.
            var index = (int)(words.Length * Math.Pow(random.NextDouble(), 3));
            sb.Append(words[index]).Append(random.Next(12) == 0 ? ".\n" : " ");
        }

        output.Write(Encoding.ASCII.GetBytes(sb.ToString()));
    }

    private void WriteCodeLike(Random random, Stream output, int size)
    {
        for (var i = 0; i < size; i += 4)
        {
            output.WriteByte(opcodes[random.Next(opcodes.Length)]);
            output.WriteByte((byte)random.Next(8));
            output.WriteByte(binaryAlphabet[random.Next(binaryAlphabet.Length)]);
            output.WriteByte(0);
        }
    }

    private void WriteRecords(Random random, Stream output, int size)
    {
        for (var written = 0; written < size;)
        {
            var fields = Enumerable.Range(0, 6).Select(_ => (object)random.Next(100000)).ToArray();
            var line = Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, recordFormat, fields) + "\n");
            output.Write(line);
            written += line.Length;
        }
    }

    private void WriteSkewedBinary(Random random, Stream output, int size)
    {
        for (var i = 0; i < size; i++)
        {
            output.WriteByte(binaryAlphabet[(int)(binaryAlphabet.Length * Math.Pow(random.NextDouble(), 2))]);
        }
    }
}
