namespace AiCtiPortal.Engine.Artifacts.Zip;

/// <summary>The end-of-central-directory facts, with offsets already shifted by any prepended data.</summary>
internal sealed record ZipDirectory(long EocdOffset, long CentralOffset, long CentralSize, long EntryCount, long Shift, bool Zip64);

/// <summary>One header (central or local) as written; <see cref="RawName"/> keeps the bytes for exact comparison.</summary>
internal sealed record ZipHeader(
    long HeaderOffset,
    byte[] RawName,
    string Name,
    ushort Flags,
    ushort Method,
    uint Crc,
    long CompressedSize,
    long UncompressedSize,
    long LocalHeaderOffset,
    long DataOffset);
