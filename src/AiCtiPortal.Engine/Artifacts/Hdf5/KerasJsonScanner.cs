using System.Text.Json;
using AiCtiPortal.Engine.Artifacts.Io;

namespace AiCtiPortal.Engine.Artifacts.Hdf5;

/// <summary>
/// Fallback when no attribute message could be read: finds JSON objects that start with a "class_name" key (as Keras
/// writes its configs) anywhere in the file, delimits each by brace matching outside strings (bounded), and keeps
/// those that parse as JSON. Objects nested in one already found are not reported again.
/// </summary>
internal static class KerasJsonScanner
{
    private const int MaxObjects = 8;

    public static List<(long Offset, byte[] Json)> Find(Stream stream, long limit, int maxBytes)
    {
        var found = new List<(long, byte[])>();
        long skipUntil = -1;
        foreach (long key in Hdf5Search.FindAll(stream, "\"class_name\""u8, limit, 1_000))
        {
            if (key < skipUntil || found.Count >= MaxObjects)
            {
                continue;
            }

            long start = OpeningBrace(stream, key);
            if (start < 0 || Delimit(stream, start, maxBytes) is not { } json || !IsJson(json))
            {
                continue;
            }

            found.Add((start, json));
            skipUntil = start + json.Length;
        }

        return found;
    }

    /// <summary>The '{' just before the key, with only whitespace between.</summary>
    private static long OpeningBrace(Stream stream, long key)
    {
        var before = new byte[(int)Math.Min(16, key)];
        StreamReading.ReadAt(stream, key - before.Length, before);
        for (int i = before.Length - 1; i >= 0; i--)
        {
            if (before[i] == (byte)'{')
            {
                return key - before.Length + i;
            }

            if (before[i] is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return -1;
            }
        }

        return -1;
    }

    private static byte[]? Delimit(Stream stream, long start, int maxBytes)
    {
        var buffer = new byte[1 << 16];
        var output = new MemoryStream();
        int depth = 0;
        bool inString = false;
        bool escaped = false;
        for (long pos = start; output.Length < maxBytes;)
        {
            int read = StreamReading.ReadAt(stream, pos, buffer);
            if (read == 0)
            {
                return null;
            }

            for (int i = 0; i < read; i++)
            {
                byte b = buffer[i];
                if (inString)
                {
                    (escaped, inString) = escaped ? (false, true) : (b == (byte)'\\', b != (byte)'"');
                }
                else if (b == (byte)'"')
                {
                    inString = true;
                }
                else if (b == (byte)'{' || b == (byte)'[')
                {
                    depth++;
                }
                else if ((b == (byte)'}' || b == (byte)']') && --depth == 0)
                {
                    output.Write(buffer, 0, i + 1);
                    return output.ToArray();
                }
                else if (b == 0)
                {
                    return null;
                }
            }

            output.Write(buffer, 0, read);
            pos += read;
        }

        return null;
    }

    private static bool IsJson(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
