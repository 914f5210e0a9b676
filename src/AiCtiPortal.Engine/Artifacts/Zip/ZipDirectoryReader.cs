using System.Buffers.Binary;
using System.Text;
using AiCtiPortal.Engine.Artifacts.Io;

namespace AiCtiPortal.Engine.Artifacts.Zip;

/// <summary>
/// Reads ZIP structures as APPNOTE describes them (EOCD, ZIP64 locator and record, central and local headers),
/// directly from bytes, tolerating what lenient readers tolerate so the scanner sees what a loader would see.
/// </summary>
internal static class ZipDirectoryReader
{
    public const uint LocalSignature = 0x04034b50;
    public const uint CentralSignature = 0x02014b50;
    private const uint EocdSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EocdSignature = 0x06064b50;
    private const int EocdSize = 22;
    private const int CentralFixed = 46;
    private const int LocalFixed = 30;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>Finds the EOCD in the last 64 KiB and checks the central directory it points at starts with a header.</summary>
    public static ZipDirectory? FindDirectory(Stream stream)
    {
        long length = stream.Length;
        if (length < EocdSize)
        {
            return null;
        }

        int tailLength = (int)Math.Min(length, EocdSize + 0xFFFF);
        var tail = StreamReading.ReadExactAt(stream, length - tailLength, tailLength);
        if (tail is null)
        {
            return null;
        }

        for (int i = tailLength - EocdSize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != EocdSignature)
            {
                continue;
            }

            long eocd = length - tailLength + i;
            var dir = ParseEocd(stream, tail.AsSpan(i), eocd);
            if (dir is not null)
            {
                return dir;
            }
        }

        return null;
    }

    private static ZipDirectory? ParseEocd(Stream stream, ReadOnlySpan<byte> e, long eocdOffset)
    {
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(e[10..]);
        long cdSize = BinaryPrimitives.ReadUInt32LittleEndian(e[12..]);
        long cdOffset = BinaryPrimitives.ReadUInt32LittleEndian(e[16..]);
        long directoryEnd = eocdOffset;
        bool zip64 = false;
        if (eocdOffset >= 20 && StreamReading.ReadExactAt(stream, eocdOffset - 20, 20) is { } locator
            && BinaryPrimitives.ReadUInt32LittleEndian(locator) == Zip64LocatorSignature)
        {
            long recordOffset = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8)), long.MaxValue);
            var record = StreamReading.ReadExactAt(stream, recordOffset, 56);
            if (record is not null && BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EocdSignature)
            {
                zip64 = true;
                entries = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32)), long.MaxValue);
                cdSize = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40)), long.MaxValue);
                cdOffset = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(48)), long.MaxValue);
                directoryEnd = recordOffset;
            }
        }

        // Data prepended to the archive shifts every offset; lenient readers detect it from where the directory ends.
        long actualStart = directoryEnd - cdSize;
        if (actualStart < 0)
        {
            return null;
        }

        long shift = actualStart - cdOffset;
        if (shift < 0)
        {
            shift = 0;
            actualStart = cdOffset;
        }

        if (entries > 0)
        {
            var sig = StreamReading.ReadExactAt(stream, actualStart, 4);
            if (sig is null || BinaryPrimitives.ReadUInt32LittleEndian(sig) != CentralSignature)
            {
                return null;
            }
        }

        return new ZipDirectory(eocdOffset, actualStart, cdSize, entries, shift, zip64);
    }

    /// <summary>Reads central headers until the count, the directory end or a bad signature (reported via problems).</summary>
    public static List<ZipHeader> ReadCentral(Stream stream, ZipDirectory dir, int maxEntries, List<string> problems)
    {
        var headers = new List<ZipHeader>();
        long pos = dir.CentralOffset;
        long end = Math.Min(stream.Length, dir.CentralOffset + dir.CentralSize);
        var fixedPart = new byte[CentralFixed];
        while (headers.Count < dir.EntryCount && pos + CentralFixed <= end)
        {
            if (headers.Count >= maxEntries)
            {
                problems.Add($"more than {maxEntries} entries; the rest were not read");
                break;
            }

            if (StreamReading.ReadAt(stream, pos, fixedPart) != CentralFixed || BinaryPrimitives.ReadUInt32LittleEndian(fixedPart) != CentralSignature)
            {
                problems.Add($"central directory entry {headers.Count} at offset {pos} has no valid signature");
                break;
            }

            var f = fixedPart.AsSpan();
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(f[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(f[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(f[32..]);
            var name = StreamReading.ReadExactAt(stream, pos + CentralFixed, nameLength) ?? [];
            var extra = StreamReading.ReadExactAt(stream, pos + CentralFixed + nameLength, extraLength) ?? [];
            long csize = BinaryPrimitives.ReadUInt32LittleEndian(f[20..]);
            long usize = BinaryPrimitives.ReadUInt32LittleEndian(f[24..]);
            long local = BinaryPrimitives.ReadUInt32LittleEndian(f[42..]);
            ApplyZip64(extra, ref usize, ref csize, ref local);
            ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(f[8..]);
            headers.Add(new ZipHeader(pos, name, DecodeName(name), flags, BinaryPrimitives.ReadUInt16LittleEndian(f[10..]),
                BinaryPrimitives.ReadUInt32LittleEndian(f[16..]), csize, usize, local + dir.Shift, -1));
            pos += CentralFixed + nameLength + extraLength + commentLength;
        }

        if (headers.Count < dir.EntryCount && problems.Count == 0)
        {
            problems.Add($"the directory announces {dir.EntryCount} entries but holds {headers.Count}");
        }

        return headers;
    }

    /// <summary>Reads the local header at an offset, or null when none is there.</summary>
    public static ZipHeader? ReadLocal(Stream stream, long offset)
    {
        var fixedPart = StreamReading.ReadExactAt(stream, offset, LocalFixed);
        if (fixedPart is null || BinaryPrimitives.ReadUInt32LittleEndian(fixedPart) != LocalSignature)
        {
            return null;
        }

        var f = fixedPart.AsSpan();
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(f[6..]);
        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(f[26..]);
        int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(f[28..]);
        var name = StreamReading.ReadExactAt(stream, offset + LocalFixed, nameLength) ?? [];
        var extra = StreamReading.ReadExactAt(stream, offset + LocalFixed + nameLength, extraLength) ?? [];
        long csize = BinaryPrimitives.ReadUInt32LittleEndian(f[18..]);
        long usize = BinaryPrimitives.ReadUInt32LittleEndian(f[22..]);
        long ignored = 0;
        ApplyZip64(extra, ref usize, ref csize, ref ignored);
        return new ZipHeader(offset, name, DecodeName(name), flags, BinaryPrimitives.ReadUInt16LittleEndian(f[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(f[14..]), csize, usize, offset, offset + LocalFixed + nameLength + extraLength);
    }

    /// <summary>ZIP64 extended information (0x0001) replaces the 32-bit fields that are 0xFFFFFFFF, in this order.</summary>
    private static void ApplyZip64(byte[] extra, ref long usize, ref long csize, ref long offset)
    {
        int pos = 0;
        while (pos + 4 <= extra.Length)
        {
            ushort id = BinaryPrimitives.ReadUInt16LittleEndian(extra.AsSpan(pos));
            int size = BinaryPrimitives.ReadUInt16LittleEndian(extra.AsSpan(pos + 2));
            int body = pos + 4;
            if (body + size > extra.Length)
            {
                return;
            }

            if (id == 0x0001)
            {
                int p = body;
                int end = body + size;
                if (usize == 0xFFFFFFFF && p + 8 <= end)
                {
                    usize = Clamp(BinaryPrimitives.ReadUInt64LittleEndian(extra.AsSpan(p)));
                    p += 8;
                }

                if (csize == 0xFFFFFFFF && p + 8 <= end)
                {
                    csize = Clamp(BinaryPrimitives.ReadUInt64LittleEndian(extra.AsSpan(p)));
                    p += 8;
                }

                if (offset == 0xFFFFFFFF && p + 8 <= end)
                {
                    offset = Clamp(BinaryPrimitives.ReadUInt64LittleEndian(extra.AsSpan(p)));
                }

                return;
            }

            pos = body + size;
        }
    }

    private static long Clamp(ulong value) => value > long.MaxValue / 2 ? long.MaxValue / 2 : (long)value;

    /// <summary>
    /// Bit 11 means UTF-8, but writers set it inconsistently, so valid UTF-8 is taken as such whatever the flag says;
    /// anything else falls back to Latin-1, a lossless stand-in for CP437 when names are compared.
    /// </summary>
    private static string DecodeName(byte[] name)
    {
        try
        {
            return StrictUtf8.GetString(name);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(name);
        }
    }
}
