using System.IO.Compression;
using AiCtiPortal.Engine.Artifacts.Io;

namespace AiCtiPortal.Engine.Artifacts.Joblib;

/// <summary>
/// joblib.dump(compress=...) files: zlib, gzip and the old Z-file are decompressed here in bounded chunks (the first
/// <see cref="ScanOptions.MaxPickleBytes"/> kept, counting stops at <see cref="ScanOptions.MaxDecompressedBytes"/>)
/// and the result is analysed by content; bz2, xz, lzma and lz4 have no decoder in .NET and are reported as unread.
/// </summary>
internal static class CompressedJoblibAnalyzer
{
    private const int ChunkSize = 1 << 16;

    // The ratio is reported only above this output size, as for ZIP members: small files compress wildly by chance.
    private const long RatioFloor = 1 << 20;

    public static ArtifactFormat Analyze(ScanContext ctx, Stream stream, string? member, int depth)
    {
        var head = new byte[32];
        int count = StreamReading.ReadAt(stream, 0, head);
        var compressor = JoblibCompressorMagic.Detect(head.AsSpan(0, count));
        string name = compressor.ToString().ToLowerInvariant();
        if (compressor is not (JoblibCompressor.Zlib or JoblibCompressor.Gzip or JoblibCompressor.ZFile))
        {
            // Unsupported rather than Suspicious: joblib offers bz2, xz, lzma and lz4 as ordinary options, so the
            // compressor is no sign of intent, but the scanner saw none of the pickle inside, so the verdict must not
            // read as "no findings". The Info FORMAT_UNSUPPORTED finding makes ScanReport.Decide say Unsupported.
            ctx.Add(Severity.Info, FindingCodes.FormatUnsupported, $"{name} compressed file (joblib compress='{name}') was not read",
                $"The content is {name}-compressed (magic {Convert.ToHexString(head, 0, Math.Min(count, 6))}); the scanner has no {name} decoder, so the pickle inside, which joblib.load runs, was not analysed.",
                member, 0);
            return ArtifactFormat.Joblib;
        }

        if (depth + 1 > ctx.Options.MaxNestingDepth)
        {
            ctx.Add(Severity.Medium, FindingCodes.ScanLimit, "Compressed stream nested too deep to analyse",
                $"A {name} stream at nesting depth {depth + 1}; not decompressed.", member, 0);
            return ArtifactFormat.Joblib;
        }

        long skip = compressor == JoblibCompressor.ZFile ? JoblibCompressorMagic.ZFileHeaderLength : 0;
        using var raw = new WindowStream(stream, skip, stream.Length - skip);
        using Stream decoder = compressor == JoblibCompressor.Gzip
            ? new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true)
            : new ZLibStream(raw, CompressionMode.Decompress, leaveOpen: true);
        using var output = Decompress(ctx, decoder, stream.Length, name, member);
        ctx.HeldDecompressedBytes += output.Length;
        try
        {
            using var memory = new MemoryStream(output.GetBuffer(), 0, (int)output.Length, writable: false, publiclyVisible: true);
            string inner = member is null ? name : $"{member}!{name}";
            ctx.Note($"{member ?? "file"}: {name}-compressed; the decompressed content is analysed as {inner}.");
            var format = ContentAnalyzer.Analyze(ctx, memory, inner, depth + 1);
            return format is ArtifactFormat.Pickle or ArtifactFormat.Joblib ? ArtifactFormat.Joblib : format;
        }
        finally
        {
            ctx.HeldDecompressedBytes -= output.Length;
        }
    }

    private static MemoryStream Decompress(ScanContext ctx, Stream decoder, long compressed, string name, string? member)
    {
        long keep = Math.Max(0, Math.Min(ctx.Options.MaxPickleBytes - ctx.HeldDecompressedBytes, Array.MaxLength));
        var kept = new MemoryStream();
        var chunk = new byte[ChunkSize];
        long total = 0;
        try
        {
            int read;
            while ((read = decoder.Read(chunk, 0, ChunkSize)) > 0)
            {
                if (kept.Length < keep)
                {
                    kept.Write(chunk, 0, (int)Math.Min(read, keep - kept.Length));
                }

                total += read;
                if (total > ctx.Options.MaxDecompressedBytes)
                {
                    ctx.Add(Severity.High, FindingCodes.DecompressionLimit, "Compressed stream inflates beyond the limit (decompression bomb)",
                        $"The {name} stream ({compressed} bytes) decompressed past {ctx.Options.MaxDecompressedBytes} bytes; decompression stopped there.", member, 0);
                    return kept;
                }

                if ((total & ((16L << 20) - 1)) < read && ctx.OverBudget(member, 0))
                {
                    return kept;
                }
            }
        }
        catch (InvalidDataException e)
        {
            ctx.Add(Severity.Medium, FindingCodes.DecompressionCorrupt, "Corrupt compressed stream",
                $"The {name} stream is corrupt after {total} decompressed bytes ({e.Message}); joblib.load fails there, after running what came before.", member, 0);
        }

        double ratio = compressed == 0 ? double.PositiveInfinity : (double)total / compressed;
        if (total > RatioFloor && ratio > ctx.Options.MaxCompressionRatio)
        {
            ctx.Add(Severity.Medium, FindingCodes.DecompressionRatio, "Extreme compression ratio",
                $"{compressed} bytes of {name} decompress to {total} (ratio {ratio:0}).", member, 0);
        }

        if (total > kept.Length)
        {
            ctx.Add(Severity.Low, FindingCodes.ScanLimit, "Decompressed content too large to analyse whole",
                $"The {name} stream decompresses to {total} bytes; only the first {kept.Length} were analysed.", member, kept.Length);
        }

        return kept;
    }
}
