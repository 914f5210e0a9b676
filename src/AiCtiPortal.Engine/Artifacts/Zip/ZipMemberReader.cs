using System.Buffers;
using System.IO.Compression;
using AiCtiPortal.Engine.Artifacts.Io;

namespace AiCtiPortal.Engine.Artifacts.Zip;

/// <summary>The outcome of reading one member: bytes kept for analysis, inflated size, CRC and what stopped it.</summary>
internal sealed record MemberData(byte[]? Content, long InflatedSize, uint Crc, bool StoppedAtLimit, string? Error);

/// <summary>
/// Reads a member's raw bytes and inflates them (stored or deflate) in bounded chunks, computing CRC-32 as it goes
/// and keeping at most a given number of bytes, so a zip bomb costs time up to a limit and never memory.
/// </summary>
internal static class ZipMemberReader
{
    private const int ChunkSize = 1 << 16;

    public static MemberData Read(Stream archive, long dataOffset, long compressedSize, ushort method, long maxInflated, long keep)
    {
        long available = Math.Max(0, Math.Min(compressedSize, archive.Length - dataOffset));
        using var raw = new WindowStream(archive, dataOffset, available);
        Stream source = method == 8 ? new DeflateStream(raw, CompressionMode.Decompress, leaveOpen: true) : raw;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        MemoryStream? kept = keep > 0 ? new MemoryStream() : null;
        long total = 0;
        uint crc = 0;
        try
        {
            int read;
            while ((read = source.Read(chunk, 0, ChunkSize)) > 0)
            {
                if (total + read > maxInflated)
                {
                    read = (int)(maxInflated - total);
                    crc = Crc32.Append(crc, chunk.AsSpan(0, read));
                    total += read;
                    return new MemberData(kept?.ToArray(), total, crc, StoppedAtLimit: true, null);
                }

                crc = Crc32.Append(crc, chunk.AsSpan(0, read));
                if (kept is not null && kept.Length < keep)
                {
                    kept.Write(chunk, 0, (int)Math.Min(read, keep - kept.Length));
                }

                total += read;
            }

            return new MemberData(kept?.ToArray(), total, crc, StoppedAtLimit: false, null);
        }
        catch (InvalidDataException e)
        {
            return new MemberData(kept?.ToArray(), total, crc, StoppedAtLimit: false, $"deflate stream is corrupt after {total} bytes: {e.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            if (!ReferenceEquals(source, raw))
            {
                source.Dispose();
            }

            kept?.Dispose();
        }
    }
}
