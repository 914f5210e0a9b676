using System.Security.Cryptography;

namespace AiCtiPortal.Domain.Exports.Packages;

/// <summary>
/// A write-only stream that hashes (SHA-256) and counts what passes through to the file beneath, so an export is
/// written and fingerprinted in one pass instead of being read back.
/// <paramref name="onClosed"/> is told once, when the file is closed and its digest known, so the owner can keep the
/// digest and let the stream (and the file's buffer) go.
/// </summary>
internal sealed class HashingWriteStream(Stream inner, Action<HashingWriteStream>? onClosed = null) : Stream
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _digest;

    public long BytesWritten { get; private set; }

    /// <summary>Lowercase hex SHA-256 of everything written; available once the stream is disposed.</summary>
    public string Sha256 => _digest ?? throw new InvalidOperationException("The file is still open; dispose it first.");

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => BytesWritten;

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _sha256.AppendData(buffer);
        inner.Write(buffer);
        BytesWritten += buffer.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _sha256.AppendData(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
        BytesWritten += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _digest is null)
        {
            inner.Dispose();
            _digest = Convert.ToHexStringLower(_sha256.GetHashAndReset());
            _sha256.Dispose();
            onClosed?.Invoke(this);
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_digest is null)
        {
            await inner.DisposeAsync();
            _digest = Convert.ToHexStringLower(_sha256.GetHashAndReset());
            _sha256.Dispose();
            onClosed?.Invoke(this);
        }

        await base.DisposeAsync();
    }
}
