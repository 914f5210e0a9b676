namespace AiCtiPortal.Engine.Artifacts.Io;

/// <summary>Positioned reads on seekable streams that never read past the end or allocate what a header claims.</summary>
internal static class StreamReading
{
    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; returns the count read.</summary>
    public static int ReadAt(Stream stream, long offset, Span<byte> buffer)
    {
        if (offset < 0 || offset >= stream.Length)
        {
            return 0;
        }

        stream.Position = offset;
        return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes at an offset, or null when the stream is too short.</summary>
    public static byte[]? ReadExactAt(Stream stream, long offset, int count)
    {
        if (count < 0 || offset < 0 || offset > stream.Length - count)
        {
            return null;
        }

        var bytes = new byte[count];
        return ReadAt(stream, offset, bytes) == count ? bytes : null;
    }

    /// <summary>The stream's bytes from its start, at most <paramref name="max"/>, without copying a MemoryStream.</summary>
    public static ArraySegment<byte> ToSegment(Stream stream, long max)
    {
        long length = Math.Min(stream.Length, max);
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            return buffer[..(int)length];
        }

        // Not zeroed: the read overwrites it, and only the bytes read are handed out (a 100 MB pickle saves a pass).
        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        int read = ReadAt(stream, 0, bytes);
        return new ArraySegment<byte>(bytes, 0, read);
    }
}
