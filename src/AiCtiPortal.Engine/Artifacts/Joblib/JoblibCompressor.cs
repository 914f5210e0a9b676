namespace AiCtiPortal.Engine.Artifacts.Joblib;

/// <summary>The compressors joblib.dump(compress=...) can write, each recognised by the magic joblib itself checks.</summary>
internal enum JoblibCompressor
{
    None,

    /// <summary>zlib stream (joblib's default compressor, prefix 'x'): a valid RFC 1950 header.</summary>
    Zlib,

    /// <summary>gzip member (\x1f\x8b, method 8).</summary>
    Gzip,

    /// <summary>joblib &lt; 0.10 Z-file: 'ZF', the decompressed length in hex padded to 19 bytes, then a zlib stream.</summary>
    ZFile,

    Bz2,
    Xz,

    /// <summary>lzma "alone" format (properties byte 0x5d, prefix ']\x00').</summary>
    Lzma,

    /// <summary>LZ4 frame (\x04\x22\x4d\x18).</summary>
    Lz4,
}

internal static class JoblibCompressorMagic
{
    public const int ZFileHeaderLength = 2 + 19;

    // u8 literals are UTF-8: bytes from 0x80 up are compared one by one, never written as \x escapes in them.

    public static JoblibCompressor Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4)
        {
            return JoblibCompressor.None;
        }

        // CMF 0x78 (deflate, 32 KiB window), no preset dictionary, header checksum divisible by 31.
        if (head[0] == 0x78 && (head[1] & 0x20) == 0 && ((head[0] << 8) | head[1]) % 31 == 0)
        {
            return JoblibCompressor.Zlib;
        }

        if (head[0] == 0x1f && head[1] == 0x8b && head[2] == 8)
        {
            return JoblibCompressor.Gzip;
        }

        if (head.StartsWith("ZF0x"u8) && head.Length > ZFileHeaderLength && head[ZFileHeaderLength] == 0x78)
        {
            return JoblibCompressor.ZFile;
        }

        if (head.StartsWith("BZh"u8) && head[3] is >= (byte)'1' and <= (byte)'9')
        {
            return JoblibCompressor.Bz2;
        }

        if (head[0] == 0xfd && head[1..].StartsWith("7zXZ\0"u8))
        {
            return JoblibCompressor.Xz;
        }

        // ']' is also EMPTY_LIST, but no pickle continues with 0x00, which is no opcode.
        if (head.StartsWith("]\0\0"u8))
        {
            return JoblibCompressor.Lzma;
        }

        return head.StartsWith("\x04\x22\x4d\x18"u8) ? JoblibCompressor.Lz4 : JoblibCompressor.None;
    }
}
