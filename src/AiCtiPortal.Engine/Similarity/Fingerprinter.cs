using System.Buffers;
using System.Security.Cryptography;

namespace AiCtiPortal.Engine.Similarity;

/// <summary>
/// Computes SHA-256, TLSH and ssdeep in one streaming pass: each buffer read is fed to the three hashes, so the
/// input is read once and never held in memory whole.
/// </summary>
public static class Fingerprinter
{
    private const int BufferSize = 1 << 20;

    public static FileFingerprint Compute(Stream stream, TlshProfile profile = TlshProfile.Modern)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var state = new State(profile, RemainingLength(stream));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                state.Update(buffer.AsSpan(0, read));
            }

            return state.Finish();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static async Task<FileFingerprint> ComputeAsync(
        Stream stream, TlshProfile profile = TlshProfile.Modern, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var state = new State(profile, RemainingLength(stream));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, BufferSize), ct).ConfigureAwait(false)) > 0)
            {
                state.Update(buffer.AsSpan(0, read));
            }

            return state.Finish();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static FileFingerprint ComputeFile(string path, TlshProfile profile = TlshProfile.Modern)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(
            path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        return Compute(stream, profile);
    }

    // Knowing the length up front lets ssdeep follow fewer block sizes (as the ssdeep tool does for files).
    private static long RemainingLength(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return -1;
        }

        try
        {
            long remaining = stream.Length - stream.Position;
            return remaining is >= 0 and <= SsdeepHasher.MaximumLength ? remaining : -1;
        }
        catch (NotSupportedException)
        {
            return -1;
        }
    }

    private sealed class State
    {
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly TlshHasher _tlsh;
        private readonly SsdeepHasher _ssdeep;
        private readonly long _expectedLength;
        private long _length;

        public State(TlshProfile profile, long expectedLength)
        {
            _tlsh = new TlshHasher(profile);
            _ssdeep = expectedLength >= 0 ? new SsdeepHasher(expectedLength) : new SsdeepHasher();
            _expectedLength = expectedLength;
        }

        public void Update(ReadOnlySpan<byte> data)
        {
            if (_expectedLength >= 0 && _length + data.Length > _expectedLength)
            {
                throw ChangedWhileReading();
            }

            _length += data.Length;
            _sha256.AppendData(data);
            _tlsh.Update(data);
            _ssdeep.Update(data);
        }

        public FileFingerprint Finish()
        {
            if (_expectedLength >= 0 && _length != _expectedLength)
            {
                throw ChangedWhileReading();
            }

            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            _sha256.GetHashAndReset(digest);
            _sha256.Dispose();
            return new FileFingerprint(Convert.ToHexStringLower(digest), _tlsh.Finish(), _ssdeep.Finish(), _length);
        }

        private IOException ChangedWhileReading() => new(
            $"The input changed size while it was read (expected {_expectedLength} bytes, got at least {_length}).");
    }
}
