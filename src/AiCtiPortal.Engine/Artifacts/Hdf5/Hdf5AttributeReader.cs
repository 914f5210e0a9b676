using System.Buffers.Binary;
using AiCtiPortal.Engine.Artifacts.Io;

namespace AiCtiPortal.Engine.Artifacts.Hdf5;

/// <summary>
/// Reads the value of a string attribute from its attribute message (HDF5 message type 0x000C), found by its name:
/// versions 1 (fields padded to 8 bytes), 2 and 3 (unpadded; 3 adds a name-encoding byte). Fixed-length strings
/// (datatype class 3) hold the text inline; variable-length strings (class 9, as h5py writes str values) point into
/// a global heap collection ("GCOL"). Anything inconsistent makes the read fail; nothing is allocated before checks.
/// </summary>
internal static class Hdf5AttributeReader
{
    private const int MaxHeaderPart = 4096;

    public static byte[]? TryRead(Stream stream, long nameOffset, string name, Hdf5Superblock super, int maxBytes, out string how)
    {
        how = string.Empty;
        foreach (long header in new[] { nameOffset - 8, nameOffset - 9 })
        {
            var fixedPart = StreamReading.ReadExactAt(stream, header, 8);
            if (fixedPart is null)
            {
                continue;
            }

            int version = fixedPart[0];
            bool layoutMatches = (version is 1 or 2 && header == nameOffset - 8) || (version == 3 && header == nameOffset - 9);
            int nameSize = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(2));
            int typeSize = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(4));
            int spaceSize = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(6));
            if (!layoutMatches || nameSize != name.Length + 1 || typeSize is < 8 or > MaxHeaderPart || spaceSize is < 4 or > MaxHeaderPart)
            {
                continue;
            }

            long typeAt = nameOffset + Pad(version, nameSize);
            long spaceAt = typeAt + Pad(version, typeSize);
            long dataAt = spaceAt + Pad(version, spaceSize);
            var type = StreamReading.ReadExactAt(stream, typeAt, typeSize);
            var space = StreamReading.ReadExactAt(stream, spaceAt, spaceSize);
            if (type is null || space is null || Elements(space, super) is not { } elements || elements < 1)
            {
                continue;
            }

            int typeClass = type[0] & 0x0F;
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(type.AsSpan(4));
            if (typeClass == 3 && size > 0 && size * (ulong)elements <= (ulong)maxBytes)
            {
                how = $"attribute message v{version}, fixed-length string of {size} bytes";
                return StreamReading.ReadExactAt(stream, dataAt, (int)(size * (ulong)elements));
            }

            if (typeClass == 9 && (type[1] & 0x0F) == 1)
            {
                how = $"attribute message v{version}, variable-length string in a global heap";
                return ReadHeapString(stream, dataAt, super, maxBytes);
            }
        }

        return null;
    }

    private static long Pad(int version, int size) => version == 1 ? (size + 7) & ~7 : size;

    /// <summary>Elements of a dataspace message: 1 for a scalar, the product of the dimensions otherwise.</summary>
    private static long? Elements(byte[] space, Hdf5Superblock super)
    {
        int version = space[0];
        int rank = space[1];
        int dimsAt = version == 1 ? 8 : 4;
        if (version is not (1 or 2) || rank > 32 || dimsAt + (rank * super.SizeOfLengths) > space.Length)
        {
            return null;
        }

        if (version == 2 && space[3] == 2)
        {
            return 0;
        }

        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            ulong dim = ReadSized(space.AsSpan(dimsAt + (i * super.SizeOfLengths)), super.SizeOfLengths);
            count = dim > int.MaxValue || count * (long)dim > int.MaxValue ? int.MaxValue : count * (long)dim;
        }

        return count;
    }

    private static byte[]? ReadHeapString(Stream stream, long dataAt, Hdf5Superblock super, int maxBytes)
    {
        var reference = StreamReading.ReadExactAt(stream, dataAt, 4 + super.SizeOfOffsets + 4);
        if (reference is null)
        {
            return null;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(reference);
        ulong address = ReadSized(reference.AsSpan(4), super.SizeOfOffsets);
        uint index = BinaryPrimitives.ReadUInt32LittleEndian(reference.AsSpan(4 + super.SizeOfOffsets));
        if (length > maxBytes || address > long.MaxValue / 2)
        {
            return null;
        }

        // Addresses are relative to the superblock; files written without a user block have it at 0 either way.
        foreach (long collection in new[] { super.Offset + (long)address, (long)address })
        {
            if (StreamReading.ReadExactAt(stream, collection, 8) is { } sig && sig.AsSpan(0, 4).SequenceEqual("GCOL"u8))
            {
                return FindHeapObject(stream, collection, index, (int)length, super);
            }
        }

        return null;
    }

    private static byte[]? FindHeapObject(Stream stream, long collection, uint index, int length, Hdf5Superblock super)
    {
        var sizeBytes = StreamReading.ReadExactAt(stream, collection + 8, super.SizeOfLengths);
        if (sizeBytes is null)
        {
            return null;
        }

        long end = collection + (long)Math.Min(ReadSized(sizeBytes, super.SizeOfLengths), (ulong)(stream.Length - collection));
        long pos = collection + 8 + super.SizeOfLengths;
        int objectHeader = 8 + super.SizeOfLengths;
        for (int guard = 0; pos + objectHeader <= end && guard < 1_000_000; guard++)
        {
            var head = StreamReading.ReadExactAt(stream, pos, objectHeader);
            if (head is null)
            {
                return null;
            }

            ushort id = BinaryPrimitives.ReadUInt16LittleEndian(head);
            ulong size = ReadSized(head.AsSpan(8), super.SizeOfLengths);
            if (id == 0 || size > (ulong)(end - pos - objectHeader))
            {
                return null;
            }

            if (id == index)
            {
                return StreamReading.ReadExactAt(stream, pos + objectHeader, (int)Math.Min(size, (ulong)length));
            }

            pos += objectHeader + (long)((size + 7) & ~7UL);
        }

        return null;
    }

    private static ulong ReadSized(ReadOnlySpan<byte> bytes, int size) => size switch
    {
        2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
    };
}
