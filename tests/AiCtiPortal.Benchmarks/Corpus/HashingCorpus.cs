namespace AiCtiPortal.Benchmarks.Corpus;

/// <summary>
/// Files for the hashing benchmark, written to a temporary directory: many 1 MiB files of mixed content and one
/// large file. Content is built from blocks (random, text-like, repeated records, sparse/zero runs) so the hashers
/// see the variety real samples have; generation is cheap because hashing speed, not realism, is measured here.
/// </summary>
internal sealed class HashingCorpus : IDisposable
{
    private HashingCorpus(string root, string smallDirectory, string largeFile, long smallBytes, long largeBytes)
    {
        Root = root;
        SmallDirectory = smallDirectory;
        LargeFile = largeFile;
        SmallBytes = smallBytes;
        LargeBytes = largeBytes;
    }

    public string Root { get; }

    public string SmallDirectory { get; }

    public string LargeFile { get; }

    public long SmallBytes { get; }

    public long LargeBytes { get; }

    public IReadOnlyList<string> SmallFiles => Directory.GetFiles(SmallDirectory).Order(StringComparer.Ordinal).ToList();

    public static HashingCorpus Create(int smallFiles, int smallMib, int largeMib)
    {
        var root = Path.Combine(Path.GetTempPath(), "aicti-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var small = Path.Combine(root, "files");
        Directory.CreateDirectory(small);
        var random = new Random(1234);
        var block = new byte[64 * 1024];
        for (var f = 0; f < smallFiles; f++)
        {
            using var stream = File.Create(Path.Combine(small, $"sample-{f:D4}.bin"));
            WriteMixed(random, stream, (long)smallMib << 20, block);
        }

        var large = Path.Combine(root, "large.bin");
        using (var stream = File.Create(large))
        {
            WriteMixed(random, stream, (long)largeMib << 20, block);
        }

        return new HashingCorpus(root, small, large, (long)smallFiles * smallMib << 20, (long)largeMib << 20);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; the benchmark result is what matters.
        }
    }

    private static void WriteMixed(Random random, Stream stream, long length, byte[] block)
    {
        for (long written = 0; written < length; written += block.Length)
        {
            switch (random.Next(4))
            {
                case 0:
                    random.NextBytes(block);
                    break;
                case 1:
                    for (var i = 0; i < block.Length; i++)
                    {
                        // Text-like: lower-case letters and spaces with a skewed distribution.
                        var r = random.Next(32);
                        block[i] = r < 6 ? (byte)' ' : (byte)('a' + (r * r % 26));
                    }

                    break;
                case 2:
                    var record = new byte[random.Next(16, 200)];
                    random.NextBytes(record);
                    for (var i = 0; i < block.Length; i++)
                    {
                        block[i] = (byte)(record[i % record.Length] ^ (i / record.Length % 3 == 0 ? random.Next(4) : 0));
                    }

                    break;
                default:
                    Array.Clear(block);
                    for (var i = 0; i < block.Length; i += random.Next(1, 64))
                    {
                        block[i] = (byte)random.Next(256);
                    }

                    break;
            }

            stream.Write(block, 0, (int)Math.Min(block.Length, length - written));
        }
    }
}
