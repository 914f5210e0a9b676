using AiCtiPortal.Engine.Artifacts.Io;

namespace AiCtiPortal.Engine.Artifacts.Hdf5;

/// <summary>
/// Where an HDF5 superblock is (offset 0, or after a user block at 512, 1024, 2048 ...) and the field widths it
/// declares; just enough of the format to follow an attribute's heap reference, nothing more.
/// </summary>
internal sealed record Hdf5Superblock(long Offset, int Version, int SizeOfOffsets, int SizeOfLengths)
{
    private static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    public static bool HasSignatureAt(Stream stream, long offset)
    {
        Span<byte> sig = stackalloc byte[8];
        return StreamReading.ReadAt(stream, offset, sig) == 8 && sig.SequenceEqual(Signature);
    }

    /// <summary>The superblock's offset: 0 or a power of two from 512 on, below the stream's end; -1 when absent.</summary>
    public static long Find(Stream stream)
    {
        if (HasSignatureAt(stream, 0))
        {
            return 0;
        }

        for (long offset = 512; offset < stream.Length - 8; offset *= 2)
        {
            if (HasSignatureAt(stream, offset))
            {
                return offset;
            }
        }

        return -1;
    }

    public static Hdf5Superblock? Read(Stream stream, long offset)
    {
        var b = StreamReading.ReadExactAt(stream, offset, 16);
        if (b is null)
        {
            return null;
        }

        int version = b[8];
        (int offsets, int lengths) = version <= 1 ? (b[13], b[14]) : (b[9], b[10]);
        return offsets is 2 or 4 or 8 && lengths is 2 or 4 or 8 ? new Hdf5Superblock(offset, version, offsets, lengths) : null;
    }
}
