using AiCtiPortal.Engine.Artifacts.Io;

namespace AiCtiPortal.Engine.Artifacts.Hdf5;

/// <summary>Finds a byte pattern in a stream chunk by chunk (vectorised IndexOf), within a bounded prefix.</summary>
internal static class Hdf5Search
{
    private const int ChunkSize = 1 << 20;

    public static List<long> FindAll(Stream stream, ReadOnlySpan<byte> pattern, long limit, int maxHits)
    {
        var hits = new List<long>();
        var buffer = new byte[ChunkSize + pattern.Length];
        long end = Math.Min(stream.Length, limit);
        for (long pos = 0; pos < end && hits.Count < maxHits; pos += ChunkSize)
        {
            int read = StreamReading.ReadAt(stream, pos, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - pos)));
            var window = buffer.AsSpan(0, read);
            int from = 0;
            while (hits.Count < maxHits)
            {
                int at = window[from..].IndexOf(pattern);
                if (at < 0 || from + at >= ChunkSize)
                {
                    break;
                }

                hits.Add(pos + from + at);
                from += at + 1;
            }

            if (read < buffer.Length)
            {
                break;
            }
        }

        return hits;
    }
}
