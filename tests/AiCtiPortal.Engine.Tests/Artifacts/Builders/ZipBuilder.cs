using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AiCtiPortal.Engine.Tests.Artifacts.Builders;

/// <summary>
/// Writes ZIP archives header by header (APPNOTE 4.3.7 local headers, 4.3.12 central headers, 4.3.16 EOCD), with
/// every field a test may want to falsify: names that differ between headers, flags, CRCs, sizes, unlisted members.
/// </summary>
internal sealed class ZipBuilder
{
    private readonly List<Member> _members = [];
    private byte[] _prefix = [];
    private bool _zip64;

    public sealed class Member
    {
        public required string Name { get; init; }

        public required byte[] Data { get; init; }

        public bool Deflate { get; init; }

        public string? LocalName { get; init; }

        public ushort Flags { get; init; }

        public uint? Crc { get; init; }

        public long? DeclaredSize { get; init; }

        public bool Unlisted { get; init; }

        /// <summary>Central header points at this member's local header index instead (overlapping members).</summary>
        public int? SharesDataWith { get; init; }
    }

    public ZipBuilder Add(string name, byte[] data, bool deflate = false) => Add(new Member { Name = name, Data = data, Deflate = deflate });

    public ZipBuilder Add(Member member)
    {
        _members.Add(member);
        return this;
    }

    /// <summary>Writes ZIP64 extra fields, the ZIP64 end record and its locator (as writers do past 4 GiB).</summary>
    public ZipBuilder Zip64()
    {
        _zip64 = true;
        return this;
    }

    public ZipBuilder Prefix(byte[] prefix)
    {
        _prefix = prefix;
        return this;
    }

    public byte[] ToArray()
    {
        var output = new MemoryStream();
        output.Write(_prefix);
        var offsets = new List<long>();
        var stored = new List<(byte[] Payload, uint Crc)>();
        foreach (var m in _members)
        {
            byte[] payload = m.Deflate ? Deflated(m.Data) : m.Data;
            uint crc = m.Crc ?? Crc32(m.Data);
            stored.Add((payload, crc));
            offsets.Add(output.Position - _prefix.Length);
            if (m.SharesDataWith is not null)
            {
                continue;
            }

            WriteLocal(output, m, m.LocalName ?? m.Name, payload, crc, _zip64);
        }

        long centralStart = output.Position - _prefix.Length;
        int listed = 0;
        for (int i = 0; i < _members.Count; i++)
        {
            var m = _members[i];
            if (m.Unlisted)
            {
                continue;
            }

            int source = m.SharesDataWith ?? i;
            WriteCentral(output, m, stored[source].Payload, stored[source].Crc, offsets[source], _zip64);
            listed++;
        }

        long centralSize = output.Position - _prefix.Length - centralStart;
        if (_zip64)
        {
            long record = output.Position - _prefix.Length;
            var z = new byte[56 + 20];
            BinaryPrimitives.WriteUInt32LittleEndian(z, 0x06064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(z.AsSpan(4), 44);
            BinaryPrimitives.WriteUInt16LittleEndian(z.AsSpan(12), 45);
            BinaryPrimitives.WriteUInt16LittleEndian(z.AsSpan(14), 45);
            BinaryPrimitives.WriteUInt64LittleEndian(z.AsSpan(24), (ulong)listed);
            BinaryPrimitives.WriteUInt64LittleEndian(z.AsSpan(32), (ulong)listed);
            BinaryPrimitives.WriteUInt64LittleEndian(z.AsSpan(40), (ulong)centralSize);
            BinaryPrimitives.WriteUInt64LittleEndian(z.AsSpan(48), (ulong)centralStart);
            BinaryPrimitives.WriteUInt32LittleEndian(z.AsSpan(56), 0x07064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(z.AsSpan(64), (ulong)record);
            BinaryPrimitives.WriteUInt32LittleEndian(z.AsSpan(72), 1);
            output.Write(z);
        }

        var eocd = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(eocd, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(eocd.AsSpan(8), _zip64 ? ushort.MaxValue : (ushort)listed);
        BinaryPrimitives.WriteUInt16LittleEndian(eocd.AsSpan(10), _zip64 ? ushort.MaxValue : (ushort)listed);
        BinaryPrimitives.WriteUInt32LittleEndian(eocd.AsSpan(12), _zip64 ? uint.MaxValue : (uint)centralSize);
        BinaryPrimitives.WriteUInt32LittleEndian(eocd.AsSpan(16), _zip64 ? uint.MaxValue : (uint)centralStart);
        output.Write(eocd);
        return output.ToArray();
    }

    private static void WriteLocal(MemoryStream output, Member m, string name, byte[] payload, uint crc, bool zip64)
    {
        byte[] n = Encoding.UTF8.GetBytes(name);
        byte[] extra = zip64 ? Zip64Extra((ulong)(m.DeclaredSize ?? m.Data.Length), (ulong)payload.Length, null) : [];
        var h = new byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(4), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(6), m.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(8), (ushort)(m.Deflate ? 8 : 0));
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(14), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(18), zip64 ? uint.MaxValue : (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(22), zip64 ? uint.MaxValue : (uint)(m.DeclaredSize ?? m.Data.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(26), (ushort)n.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(28), (ushort)extra.Length);
        output.Write(h);
        output.Write(n);
        output.Write(extra);
        output.Write(payload);
    }

    private static void WriteCentral(MemoryStream output, Member m, byte[] payload, uint crc, long offset, bool zip64)
    {
        byte[] n = Encoding.UTF8.GetBytes(m.Name);
        byte[] extra = zip64 ? Zip64Extra((ulong)(m.DeclaredSize ?? m.Data.Length), (ulong)payload.Length, (ulong)offset) : [];
        var h = new byte[46];
        BinaryPrimitives.WriteUInt32LittleEndian(h, 0x02014b50);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(4), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(6), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(8), m.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(10), (ushort)(m.Deflate ? 8 : 0));
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(20), zip64 ? uint.MaxValue : (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(24), zip64 ? uint.MaxValue : (uint)(m.DeclaredSize ?? m.Data.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(28), (ushort)n.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(30), (ushort)extra.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(42), zip64 ? uint.MaxValue : (uint)offset);
        output.Write(h);
        output.Write(n);
        output.Write(extra);
    }

    /// <summary>ZIP64 extended information: original size, compressed size, then (central only) the offset.</summary>
    private static byte[] Zip64Extra(ulong size, ulong compressed, ulong? offset)
    {
        var extra = new byte[4 + 16 + (offset is null ? 0 : 8)];
        BinaryPrimitives.WriteUInt16LittleEndian(extra, 0x0001);
        BinaryPrimitives.WriteUInt16LittleEndian(extra.AsSpan(2), (ushort)(extra.Length - 4));
        BinaryPrimitives.WriteUInt64LittleEndian(extra.AsSpan(4), size);
        BinaryPrimitives.WriteUInt64LittleEndian(extra.AsSpan(12), compressed);
        if (offset is { } o)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(extra.AsSpan(20), o);
        }

        return extra;
    }

    private static byte[] Deflated(byte[] data)
    {
        var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return buffer.ToArray();
    }

    /// <summary>Bitwise CRC-32 (independent of the engine's sliced implementation, so tests cross-check it).</summary>
    public static uint Crc32(byte[] data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
        }

        return ~c;
    }

    /// <summary>A PyTorch-style zip: top folder, data.pkl, storages under data/, version and byteorder.</summary>
    public static byte[] TorchZip(byte[] dataPkl, string top = "archive", int storages = 2) =>
        TorchZipBuilder(dataPkl, top, storages).ToArray();

    public static ZipBuilder TorchZipBuilder(byte[] dataPkl, string top = "archive", int storages = 2)
    {
        var zip = new ZipBuilder().Add($"{top}/data.pkl", dataPkl).Add($"{top}/byteorder", "little"u8.ToArray());
        var random = new Random(7);
        for (int i = 0; i < storages; i++)
        {
            var storage = new byte[64];
            random.NextBytes(storage);
            zip.Add($"{top}/data/{i}", storage);
        }

        return zip.Add($"{top}/version", "3\n"u8.ToArray()).Add($"{top}/.data/serialization_id", "1234567890"u8.ToArray());
    }
}
