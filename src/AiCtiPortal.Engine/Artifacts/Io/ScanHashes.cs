using System.Buffers;
using System.Security.Cryptography;
using AiCtiPortal.Engine.Similarity;
using Microsoft.Win32.SafeHandles;

namespace AiCtiPortal.Engine.Artifacts.Io;

/// <summary>What a scan hashed: SHA-256 always; the full fingerprint only when the fuzzy hashes were computed.</summary>
internal sealed record ScanHashResult(string Sha256, FileFingerprint? Fingerprint, string? FuzzyHashesSkipped);

/// <summary>
/// The scan's hashes (ADR 0004): SHA-256 of the whole input always, TLSH and ssdeep only up to
/// <see cref="ScanOptions.FuzzyHashMaxBytes"/>. For a file or an in-memory input they run on a thread of their own that
/// reads the input by position (pread), so they overlap with the analysers on the caller's thread instead of adding
/// a pass in front of them; any other stream is hashed before the analysis, on the caller's thread. Memory is one
/// pooled 1 MiB buffer. <see cref="Dispose"/> cancels and joins the thread, so no scan leaves one running.
/// </summary>
internal sealed class ScanHashes : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly CancellationTokenSource _cancel = new();
    private readonly SafeFileHandle? _handle;
    private readonly Task<ScanHashResult> _task;

    private ScanHashes(Func<CancellationToken, ScanHashResult> hash, SafeFileHandle? handle, bool background)
    {
        _handle = handle;
        var token = _cancel.Token;
        _task = background
            ? Task.Factory.StartNew(() => hash(token), token, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.FromResult(hash(token));
    }

    /// <summary>True when the hashes run beside the analysis (on another thread) rather than before it.</summary>
    public bool Concurrent { get; private init; }

    /// <summary>True once the hashing has ended (finished, failed or cancelled) and released its buffer.</summary>
    public bool Ended => _task.IsCompleted;

    /// <summary>
    /// Starts hashing <paramref name="stream"/> (seekable, read from offset 0 to its current length). With a
    /// <paramref name="path"/> the file is opened a second time for the hashing thread.
    /// </summary>
    public static ScanHashes Start(Stream stream, string? path, ScanOptions options)
    {
        long length = stream.Length;
        string? skipped = length > options.FuzzyHashMaxBytes
            ? $"TLSH and ssdeep were not computed: the input ({length:N0} bytes) is larger than the fuzzy-hash limit " +
              $"(ScanOptions.FuzzyHashMaxBytes = {options.FuzzyHashMaxBytes:N0} bytes); SHA-256 covers the whole input."
            : null;

        if (path is not null)
        {
            var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
            try
            {
                return new ScanHashes(ct => Hash((offset, buffer) => RandomAccess.Read(handle, buffer, offset), length, skipped, ct), handle, background: true) { Concurrent = true };
            }
            catch
            {
                handle.Dispose();
                throw;
            }
        }

        if (stream is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            return new ScanHashes(ct => Hash((offset, buffer) => CopyAt(segment, offset, buffer), length, skipped, ct), null, background: true) { Concurrent = true };
        }

        return new ScanHashes(ct => Hash((offset, buffer) => ReadAt(stream, offset, buffer), length, skipped, ct), null, background: false);
    }

    /// <summary>Waits for the hashes; an I/O error of the hashing thread is rethrown as it was.</summary>
    public ScanHashResult Complete() => _task.GetAwaiter().GetResult();

    public void Dispose()
    {
        _cancel.Cancel();
        try
        {
            _task.Wait();
        }
        catch (AggregateException)
        {
            // Cancelled or failed: the failure was already reported by Complete, or the scan is being abandoned.
        }

        _handle?.Dispose();
        _cancel.Dispose();
    }

    private delegate int ReadAtOffset(long offset, Span<byte> buffer);

    private static ScanHashResult Hash(ReadAtOffset readAt, long length, string? skipped, CancellationToken ct)
    {
        bool fuzzy = skipped is null;
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        // Same hasher set-up as Fingerprinter, so the digests are identical to the CLI's `fingerprint`.
        var tlsh = fuzzy ? new TlshHasher(TlshProfile.Modern) : null;
        var ssdeep = !fuzzy ? null : length <= SsdeepHasher.MaximumLength ? new SsdeepHasher(length) : new SsdeepHasher();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = 0;
            while (offset < length)
            {
                ct.ThrowIfCancellationRequested();
                int read = readAt(offset, buffer.AsSpan(0, (int)Math.Min(BufferSize, length - offset)));
                if (read <= 0)
                {
                    throw new IOException($"The input changed size while it was read (expected {length} bytes, got {offset}).");
                }

                var data = buffer.AsSpan(0, read);
                sha256.AppendData(data);
                tlsh?.Update(data);
                ssdeep?.Update(data);
                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        sha256.GetHashAndReset(digest);
        string sha = Convert.ToHexStringLower(digest);
        var fingerprint = fuzzy ? new FileFingerprint(sha, tlsh!.Finish(), ssdeep!.Finish(), length) : null;
        return new ScanHashResult(sha, fingerprint, skipped);
    }

    private static int CopyAt(ArraySegment<byte> segment, long offset, Span<byte> buffer)
    {
        int count = (int)Math.Min(buffer.Length, segment.Count - offset);
        if (count <= 0)
        {
            return 0;
        }

        segment.AsSpan((int)offset, count).CopyTo(buffer);
        return count;
    }

    private static int ReadAt(Stream stream, long offset, Span<byte> buffer)
    {
        if (stream.Position != offset)
        {
            stream.Position = offset;
        }

        return stream.Read(buffer);
    }
}
