using AiCtiPortal.Engine.Artifacts.Io;

namespace AiCtiPortal.Engine.Artifacts;

/// <summary>
/// Static scanner for AI artifacts (pickles, PyTorch, NumPy, joblib, safetensors, GGUF, Keras, ONNX): it parses
/// bytes and never unpickles, imports or executes anything. Hostile content gives findings, never exceptions; only
/// failures to read the input itself (I/O errors) are thrown.
/// </summary>
public static class ArtifactScanner
{
    private const long InMemoryCopyLimit = 64L << 20;

    public static ScanReport ScanFile(string path, ScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.RandomAccess);
        return ScanSeekable(stream, path, options ?? ScanOptions.Default, hashPath: path);
    }

    /// <summary>
    /// Scans a stream from its start. A non-seekable stream is copied first: into memory up to 64 MiB, beyond that
    /// into a scratch file that is deleted when the scan ends.
    /// </summary>
    public static ScanReport Scan(Stream stream, string name, ScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        options ??= ScanOptions.Default;
        if (stream.CanSeek)
        {
            return ScanSeekable(stream, name, options, hashPath: null);
        }

        using var copy = SeekableCopy(stream);
        return ScanSeekable(copy, name, options, hashPath: copy is FileStream scratch ? scratch.Name : null);
    }

    /// <summary>
    /// Hashes and analyses one seekable input. With <paramref name="hashPath"/> (a file) or an in-memory stream the
    /// hashes run on their own thread beside the analysis (ADR 0004); the <c>using</c> joins that thread on every exit.
    /// </summary>
    private static ScanReport ScanSeekable(Stream stream, string name, ScanOptions options, string? hashPath)
    {
        var started = DateTime.UtcNow;
        var ctx = new ScanContext(options);
        using var hashes = options.ComputeFingerprints ? ScanHashes.Start(stream, hashPath, options) : null;
        stream.Position = 0;

        ArtifactFormat format;
        try
        {
            format = ContentAnalyzer.Analyze(ctx, stream, member: null, depth: 0);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or IOException or UnauthorizedAccessException) || stream is MemoryStream)
        {
            // An analyser bug must not lose the scan: it is reported, and the verdict cannot be NoFindings.
            format = ArtifactFormat.Unknown;
            ctx.Add(Severity.Medium, FindingCodes.ScanError, "The analyser failed on this input",
                $"{e.GetType().Name}: {e.Message}", null, 0);
        }

        var hashed = hashes?.Complete();
        if (hashed?.FuzzyHashesSkipped is { } skipped)
        {
            ctx.Note(skipped);
        }

        return new ScanReport
        {
            Name = name,
            Format = format,
            Verdict = ScanReport.Decide(format, ctx.Findings),
            Findings = [.. ctx.Findings],
            Indicators = [.. ctx.Indicators],
            PickleImports = [.. ctx.Imports],
            PickleCalls = [.. ctx.Calls],
            Notes = [.. ctx.Notes],
            Sha256 = hashed?.Sha256,
            Fingerprint = hashed?.Fingerprint,
            FuzzyHashesSkipped = hashed?.FuzzyHashesSkipped,
            Length = stream.Length,
            PolicyName = options.Policy.Name,
            ScannedAtUtc = started,
            Duration = ctx.Elapsed,
        };
    }

    private static Stream SeekableCopy(Stream source)
    {
        var memory = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            memory.Write(buffer, 0, read);
            if (memory.Length > InMemoryCopyLimit)
            {
                return SpillToScratch(memory, source);
            }
        }

        memory.Position = 0;
        return memory;
    }

    private static FileStream SpillToScratch(MemoryStream head, Stream rest)
    {
        string path = Path.Combine(Path.GetTempPath(), $"aicti-scan-{Guid.NewGuid():N}.tmp");
        // Shared for reading (and deletion) so the scan's hashing thread can open the scratch file a second time.
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            head.Position = 0;
            head.CopyTo(file);
            head.Dispose();
            rest.CopyTo(file);
            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
