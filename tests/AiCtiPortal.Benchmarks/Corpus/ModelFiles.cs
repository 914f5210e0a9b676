using System.Buffers.Binary;
using System.Text;

namespace AiCtiPortal.Benchmarks.Corpus;

/// <summary>
/// Model files for the scan benchmark, streamed to a temporary directory (deleted on dispose): a valid safetensors
/// file, a stored (uncompressed) PyTorch zip with a realistic data.pkl, and a large pickle of many small opcodes.
/// Byte layouts mirror the engine tests' builders (SafetensorsBuilder, ZipBuilder, PickleBuilder.TorchStateDict).
/// Tensor bytes cycle through a few random 4 MiB blocks, so generation costs one CRC per block, not per GiB.
/// </summary>
internal sealed class ModelFiles : IDisposable
{
    private const int TensorBytes = 4 << 20;
    private const int Rows = 1024;
    private const int Cols = TensorBytes / 4 / Rows;

    private readonly byte[][] _blocks;
    private readonly uint[] _blockCrcs;

    public ModelFiles(int distinctBlocks = 8)
    {
        Root = Path.Combine(Path.GetTempPath(), "aicti-bench-scan-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Root);
        var random = new Random(4321);
        _blocks = new byte[distinctBlocks][];
        _blockCrcs = new uint[distinctBlocks];
        for (int i = 0; i < distinctBlocks; i++)
        {
            _blocks[i] = new byte[TensorBytes];
            random.NextBytes(_blocks[i]);
            _blockCrcs[i] = Crc32(_blocks[i]);
        }
    }

    public string Root { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"scan: could not delete {Root}: {e.Message}");
        }
    }

    /// <summary>u64 header length, JSON header (F32 [1024, 1024] tensors, padded to 8 bytes as the writer does), data.</summary>
    public string Safetensors(long approximateBytes)
    {
        int tensors = (int)Math.Max(1, approximateBytes / TensorBytes);
        var header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        for (int i = 0; i < tensors; i++)
        {
            long start = (long)i * TensorBytes;
            header.Append($",\"model.layers.{i}.weight\":{{\"dtype\":\"F32\",\"shape\":[{Rows},{Cols}],\"data_offsets\":[{start},{start + TensorBytes}]}}");
        }

        header.Append('}');
        while ((header.Length + 8) % 8 != 0)
        {
            header.Append(' ');
        }

        string path = Path.Combine(Root, "model.safetensors");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        byte[] json = Encoding.UTF8.GetBytes(header.ToString());
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
        file.Write(length);
        file.Write(json);
        for (int i = 0; i < tensors; i++)
        {
            file.Write(_blocks[i % _blocks.Length]);
        }

        return path;
    }

    /// <summary>
    /// torch.save's layout, stored: archive/data.pkl (an OrderedDict of _rebuild_tensor_v2 tensors over persistent
    /// storages "0".."N-1"), archive/byteorder, archive/data/0..N-1, archive/version, archive/.data/serialization_id.
    /// </summary>
    public string TorchZip(long approximateBytes)
    {
        int tensors = (int)Math.Max(1, approximateBytes / TensorBytes);
        string path = Path.Combine(Root, "model.pt");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var central = new List<(string Name, uint Crc, uint Size, uint Offset)>();
        void Member(string name, ReadOnlySpan<byte> data, uint crc)
        {
            uint offset = checked((uint)file.Position);
            WriteHeader(file, local: true, name, crc, (uint)data.Length, offset);
            file.Write(data);
            central.Add((name, crc, (uint)data.Length, offset));
        }

        byte[] pickle = TorchStateDict(tensors);
        Member("archive/data.pkl", pickle, Crc32(pickle));
        Member("archive/byteorder", "little"u8, Crc32("little"u8));
        for (int i = 0; i < tensors; i++)
        {
            Member($"archive/data/{i}", _blocks[i % _blocks.Length], _blockCrcs[i % _blocks.Length]);
        }

        Member("archive/version", "3\n"u8, Crc32("3\n"u8));
        Member("archive/.data/serialization_id", "1234567890"u8, Crc32("1234567890"u8));

        uint centralStart = checked((uint)file.Position);
        foreach (var (name, crc, size, offset) in central)
        {
            WriteHeader(file, local: false, name, crc, size, offset);
        }

        var eocd = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(eocd, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(eocd.AsSpan(8), (ushort)central.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(eocd.AsSpan(10), (ushort)central.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(eocd.AsSpan(12), checked((uint)file.Position - centralStart));
        BinaryPrimitives.WriteUInt32LittleEndian(eocd.AsSpan(16), centralStart);
        file.Write(eocd);
        return path;
    }

    /// <summary>
    /// Protocol 4: a list of ints and short strings appended in batches of 1,000 (as the pickler does), without memo
    /// entries per item, until the file reaches the requested size: millions of small opcodes to interpret.
    /// </summary>
    public string Pickle(long approximateBytes)
    {
        string path = Path.Combine(Root, "data.pkl");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var p = new MemoryStream();
        p.Write([0x80, 4, (byte)']', 0x94]);
        long item = 0;
        var v = new byte[4];
        while (file.Position + p.Length < approximateBytes - 16)
        {
            p.WriteByte((byte)'(');
            for (int i = 0; i < 1_000; i++, item++)
            {
                if (item % 2 == 0)
                {
                    p.WriteByte((byte)'J');
                    BinaryPrimitives.WriteInt32LittleEndian(v, (int)(item * 2654435761 % int.MaxValue));
                    p.Write(v);
                }
                else
                {
                    byte[] s = Encoding.UTF8.GetBytes($"token_{item % 50_000}");
                    p.WriteByte(0x8c);
                    p.WriteByte((byte)s.Length);
                    p.Write(s);
                }
            }

            p.WriteByte((byte)'e');
            if (p.Length > 1 << 20)
            {
                p.WriteTo(file);
                p.SetLength(0);
            }
        }

        p.WriteByte((byte)'.');
        p.WriteTo(file);
        return path;
    }

    private static void WriteHeader(Stream output, bool local, string name, uint crc, uint size, uint offset)
    {
        byte[] n = Encoding.UTF8.GetBytes(name);
        var h = new byte[local ? 30 : 46];
        if (local)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(4), 20);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(14), crc);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(18), size);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(22), size);
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(26), (ushort)n.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(h, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(4), 20);
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(6), 20);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), crc);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(20), size);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(24), size);
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(28), (ushort)n.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(42), offset);
        }

        output.Write(h);
        output.Write(n);
    }

    /// <summary>data.pkl as torch.save writes it (protocol 2), the opcode sequence of PickleBuilder.TorchStateDict.</summary>
    private static byte[] TorchStateDict(int tensors)
    {
        var p = new PickleWriter();
        p.Op(0x80).Op(2).Global("collections", "OrderedDict").Put().Op(')').Op('R').Put().Op('(');
        for (int i = 0; i < tensors; i++)
        {
            p.Unicode($"model.layers.{i}.weight").Global("torch._utils", "_rebuild_tensor_v2").Put()
                .Op('(').Op('(').Unicode("storage").Global("torch", "FloatStorage").Put().Unicode($"{i}").Unicode("cpu").Int(Rows * Cols).Op('t')
                .Op('Q')
                .Int(0).Int(Rows).Int(Cols).Op(0x86).Int(Cols).Int(1).Op(0x86).Op(0x89)
                .Global("collections", "OrderedDict").Op(')').Op('R')
                .Op('t').Op('R').Put();
        }

        p.Op('u')
            .Op('(').Unicode("_metadata").Global("collections", "OrderedDict").Op(')').Op('R')
            .Op('(').Unicode(string.Empty).Op('}').Unicode("version").Int(1).Op('s').Op('u').Op('d')
            .Op('b').Op('.');
        return p.ToArray();
    }

    private sealed class PickleWriter
    {
        private readonly MemoryStream _bytes = new();
        private uint _memo;

        public PickleWriter Op(int opcode)
        {
            _bytes.WriteByte((byte)opcode);
            return this;
        }

        public PickleWriter Global(string module, string name)
        {
            _bytes.WriteByte((byte)'c');
            _bytes.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
            return this;
        }

        /// <summary>BINPUT below 256 memo slots, LONG_BINPUT beyond, as the pickler does.</summary>
        public PickleWriter Put()
        {
            Span<byte> b = stackalloc byte[5];
            if (_memo < 256)
            {
                b[0] = (byte)'q';
                b[1] = (byte)_memo;
                _bytes.Write(b[..2]);
            }
            else
            {
                b[0] = (byte)'r';
                BinaryPrimitives.WriteUInt32LittleEndian(b[1..], _memo);
                _bytes.Write(b);
            }

            _memo++;
            return this;
        }

        public PickleWriter Unicode(string text)
        {
            byte[] s = Encoding.UTF8.GetBytes(text);
            Span<byte> h = stackalloc byte[5];
            h[0] = (byte)'X';
            BinaryPrimitives.WriteUInt32LittleEndian(h[1..], (uint)s.Length);
            _bytes.Write(h);
            _bytes.Write(s);
            return this;
        }

        public PickleWriter Int(int value)
        {
            Span<byte> b = stackalloc byte[5];
            b[0] = (byte)'J';
            BinaryPrimitives.WriteInt32LittleEndian(b[1..], value);
            _bytes.Write(b);
            return this;
        }

        public byte[] ToArray() => _bytes.ToArray();
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }
}
