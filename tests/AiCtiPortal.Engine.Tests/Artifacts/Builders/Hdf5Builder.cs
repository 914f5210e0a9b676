using System.Buffers.Binary;
using System.Text;

namespace AiCtiPortal.Engine.Tests.Artifacts.Builders;

/// <summary>
/// A small HDF5 file as h5py lays out a Keras 2 .h5 model's root: superblock v2 (8-byte offsets and lengths), a
/// version-1 object header holding attribute messages (v1 padded, or v3), string values either fixed-length inline or
/// variable-length in a global heap collection. Checksums are left zero: the scanner does not verify them.
/// </summary>
internal sealed class Hdf5Builder
{
    private const int SuperblockSize = 48;
    private readonly List<(string Name, byte[] Value, int Version, bool VariableLength)> _attributes = [];

    public int UserBlock { get; init; }

    /// <summary>Raw bytes placed after the object header (a dataset's data, say), not reachable as an attribute.</summary>
    public byte[] Trailer { get; init; } = [];

    public Hdf5Builder Attribute(string name, string value, int version = 1, bool variableLength = false)
    {
        _attributes.Add((name, Encoding.UTF8.GetBytes(value), version, variableLength));
        return this;
    }

    public byte[] ToArray()
    {
        var messages = new MemoryStream();
        var heapObjects = new List<byte[]>();
        long headerAddress = SuperblockSize;
        var bodies = _attributes.Select(a => AttributeBody(a.Name, a.Value, a.Version, a.VariableLength, heapObjects)).ToList();
        foreach (var body in bodies)
        {
            var padded = Pad8(body.Length);
            Write16(messages, 0x000C);
            Write16(messages, (ushort)padded);
            messages.Write([0, 0, 0, 0]);
            messages.Write(body);
            messages.Write(new byte[padded - body.Length]);
        }

        var header = new MemoryStream();
        header.Write([1, 0]);
        Write16(header, (ushort)bodies.Count);
        Write32(header, 1);
        Write32(header, (uint)messages.Length);
        header.Write(new byte[4]);
        messages.Position = 0;
        messages.CopyTo(header);

        long heapAddress = headerAddress + header.Length + Trailer.Length;
        var heap = GlobalHeap(heapObjects);
        var file = new MemoryStream();
        file.Write(new byte[UserBlock]);
        file.Write([0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a, 2, 8, 8, 0]);
        Write64(file, 0);
        Write64(file, ulong.MaxValue);
        Write64(file, (ulong)(heapAddress + heap.Length));
        Write64(file, (ulong)headerAddress);
        Write32(file, 0);
        file.Write(header.ToArray());
        file.Write(Trailer);
        file.Write(heap);
        byte[] bytes = file.ToArray();

        // Heap references were written with placeholder address 0: patch in the collection's address.
        foreach (int at in _heapReferenceOffsets)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(UserBlock + SuperblockSize + 16 + at), (ulong)heapAddress);
        }

        return bytes;
    }

    private readonly List<int> _heapReferenceOffsets = [];
    private int _bodyBase;

    private byte[] AttributeBody(string name, byte[] value, int version, bool variableLength, List<byte[]> heap)
    {
        byte[] nameBytes = [.. Encoding.ASCII.GetBytes(name), 0];
        byte[] type = variableLength
            ? [0x19, 0x01, 0, 0, 16, 0, 0, 0, 0x10, 0, 0, 0, 1, 0, 0, 0, 0, 0, 8, 0]
            : [0x13, 0, 0, 0, .. BitConverter.GetBytes((uint)value.Length)];
        byte[] space = version == 1 ? [1, 0, 0, 0, 0, 0, 0, 0] : [2, 0, 0, 0];
        var body = new MemoryStream();
        body.Write([(byte)version, 0]);
        Write16(body, (ushort)nameBytes.Length);
        Write16(body, (ushort)type.Length);
        Write16(body, (ushort)space.Length);
        if (version == 3)
        {
            body.WriteByte(0);
        }

        foreach (var part in new[] { nameBytes, type, space })
        {
            body.Write(part);
            if (version == 1)
            {
                body.Write(new byte[Pad8(part.Length) - part.Length]);
            }
        }

        if (variableLength)
        {
            heap.Add(value);
            Write32(body, (uint)value.Length);
            _heapReferenceOffsets.Add(_bodyBase + 8 + (int)body.Length);
            Write64(body, 0);
            Write32(body, (uint)heap.Count);
        }
        else
        {
            body.Write(value);
        }

        byte[] result = body.ToArray();
        _bodyBase += 8 + Pad8(result.Length);
        return result;
    }

    private static byte[] GlobalHeap(List<byte[]> objects)
    {
        if (objects.Count == 0)
        {
            return [];
        }

        var heap = new MemoryStream();
        for (int i = 0; i < objects.Count; i++)
        {
            Write16(heap, (ushort)(i + 1));
            Write16(heap, 1);
            Write32(heap, 0);
            Write64(heap, (ulong)objects[i].Length);
            heap.Write(objects[i]);
            heap.Write(new byte[Pad8(objects[i].Length) - objects[i].Length]);
        }

        var collection = new MemoryStream();
        collection.Write("GCOL"u8);
        collection.Write([1, 0, 0, 0]);
        Write64(collection, (ulong)(16 + heap.Length));
        heap.Position = 0;
        heap.CopyTo(collection);
        return collection.ToArray();
    }

    private static int Pad8(int n) => (n + 7) & ~7;

    private static void Write16(Stream s, ushort v) => s.Write(BitConverter.GetBytes(v));

    private static void Write32(Stream s, uint v) => s.Write(BitConverter.GetBytes(v));

    private static void Write64(Stream s, ulong v) => s.Write(BitConverter.GetBytes(v));
}
