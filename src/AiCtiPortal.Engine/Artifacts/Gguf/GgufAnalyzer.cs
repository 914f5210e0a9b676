using System.Buffers.Binary;
using System.Text;

namespace AiCtiPortal.Engine.Artifacts.Gguf;

/// <summary>
/// GGUF (ggml docs/gguf.md): magic, version 1-3, tensor and metadata counts, typed key-values (types 0-12, arrays
/// nested), tensor infos. Every count and length is checked against the bytes left before anything is allocated;
/// chat templates are inspected for template injection.
/// </summary>
internal static class GgufAnalyzer
{
    private const int MaxKeyLength = 64 * 1024;
    private const int MaxArrayDepth = 3;
    private const int MaxDims = 8;

    // Byte sizes of the fixed-size value types 0-12 (8 string and 9 array are variable).
    private static readonly int[] FixedSizes = [1, 1, 2, 2, 4, 4, 4, 1, -1, -1, 8, 8, 8];

    // Element sizes in bytes per block and block lengths of common ggml tensor types, to check data stays in the file.
    private static readonly Dictionary<uint, (int Block, int Bytes)> TensorTypes = new()
    {
        [0] = (1, 4), [1] = (1, 2), [2] = (32, 18), [8] = (32, 34), [24] = (1, 1), [25] = (1, 2), [26] = (1, 4), [27] = (1, 8), [28] = (1, 8), [30] = (1, 2),
    };

    public static void Analyze(ScanContext ctx, Stream stream, string? member)
    {
        stream.Position = 0;
        // Not disposed: disposing a BufferedStream closes the stream it wraps, which the caller still uses.
        var buffered = new BufferedStream(stream, 1 << 16);
        var reader = new Reader(buffered, stream.Length);
        try
        {
            Run(ctx, reader, member);
        }
        catch (GgufError e)
        {
            ctx.Add(e.Severity, e.Code, e.Title, e.Message, member, e.Offset);
        }
    }

    private static void Run(ScanContext ctx, Reader r, string? member)
    {
        r.Skip(4);
        uint version = r.U32();
        if (version is 0 or > 3)
        {
            throw new GgufError(Severity.Medium, FindingCodes.GgufUnsupportedVersion, "Unsupported GGUF version", $"Version {version}; loaders know 1 to 3.", 4);
        }

        bool v1 = version == 1;
        ulong tensors = v1 ? r.U32() : r.U64();
        ulong kvs = v1 ? r.U32() : r.U64();
        r.Claim(kvs, v1 ? 9UL : 13UL, "metadata key-value count", 0);
        r.Claim(tensors, v1 ? 13UL : 25UL, "tensor count", 0);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        ulong alignment = 32;
        for (ulong i = 0; i < kvs; i++)
        {
            if (ctx.OverBudget(member, r.Position))
            {
                return;
            }

            long at = r.Position;
            string key = r.String(v1, MaxKeyLength, "key") ?? string.Empty;
            if (!keys.Add(key))
            {
                ctx.Add(Severity.Low, FindingCodes.GgufDuplicateKey, "Duplicate GGUF metadata key",
                    $"'{ScanContext.Clip(key, 200)}' appears more than once: loaders keep different copies.", member, at);
            }

            uint type = r.U32();
            if (type > 12)
            {
                throw new GgufError(Severity.Medium, FindingCodes.GgufBadType, "Unknown GGUF value type", $"Key '{ScanContext.Clip(key, 200)}' has type {type}.", at);
            }

            if (type == 8)
            {
                string? value = r.String(v1, ctx.Options.MaxGgufStringBytes, key);
                if (value is not null)
                {
                    CheckString(ctx, key, value, member, at);
                }
            }
            else if (type == 9)
            {
                SkipArray(r, v1, key, 1, at);
            }
            else
            {
                ulong scalar = r.Fixed(FixedSizes[type]);
                if (key == "general.alignment" && type == 4)
                {
                    alignment = scalar;
                }
            }
        }

        ReadTensorInfos(ctx, r, v1, tensors, alignment == 0 ? 32 : alignment, member);
    }

    private static void CheckString(ScanContext ctx, string key, string value, string? member, long at)
    {
        if (key.StartsWith("tokenizer.chat_template", StringComparison.Ordinal))
        {
            if (ChatTemplateInspector.Inspect(value) is { } result)
            {
                ctx.Add(result.Critical ? Severity.Critical : Severity.High, FindingCodes.GgufTemplateInjection,
                    "Chat template reaches Python internals (template injection)",
                    $"'{key}' ({value.Length} characters) matches: {string.Join("; ", result.Labels)}. Snippet: {result.Snippet}",
                    member, at, new ExtractedIndicator("ChatTemplatePattern", result.Snippet));
            }

            return;
        }

        ctx.ScanText(value, $"GGUF metadata '{ScanContext.Clip(key, 80)}'", member, at);
    }

    private static void SkipArray(Reader r, bool v1, string key, int depth, long at)
    {
        if (depth > MaxArrayDepth)
        {
            throw new GgufError(Severity.Medium, FindingCodes.GgufNestingTooDeep, "GGUF arrays nested too deep", $"'{ScanContext.Clip(key, 200)}' nests arrays beyond depth {MaxArrayDepth}.", at);
        }

        uint type = r.U32();
        ulong count = v1 ? r.U32() : r.U64();
        if (type > 12)
        {
            throw new GgufError(Severity.Medium, FindingCodes.GgufBadType, "Unknown GGUF array element type", $"Key '{ScanContext.Clip(key, 200)}' has elements of type {type}.", at);
        }

        if (type is 8 or 9)
        {
            r.Claim(count, type == 8 ? (v1 ? 4UL : 8UL) : 12UL, $"array '{ScanContext.Clip(key, 80)}'", at);
            for (ulong i = 0; i < count; i++)
            {
                if (type == 8)
                {
                    r.String(v1, 0, key);
                }
                else
                {
                    SkipArray(r, v1, key, depth + 1, at);
                }
            }

            return;
        }

        r.Claim(count, (ulong)FixedSizes[type], $"array '{ScanContext.Clip(key, 80)}'", at);
        r.Skip((long)(count * (ulong)FixedSizes[type]));
    }

    private static void ReadTensorInfos(ScanContext ctx, Reader r, bool v1, ulong tensors, ulong alignment, string? member)
    {
        var infos = new List<(string Name, ulong Offset, ulong? Size, long At)>();
        for (ulong i = 0; i < tensors; i++)
        {
            long at = r.Position;
            string name = r.String(v1, MaxKeyLength, "tensor name") ?? string.Empty;
            uint dims = r.U32();
            if (dims > MaxDims)
            {
                throw new GgufError(Severity.Medium, FindingCodes.GgufTensorInfo, "GGUF tensor with too many dimensions", $"'{ScanContext.Clip(name, 200)}' has {dims} dimensions.", at);
            }

            ulong elements = 1;
            bool overflow = false;
            for (uint d = 0; d < dims; d++)
            {
                ulong dim = v1 ? r.U32() : r.U64();
                overflow |= dim != 0 && elements > ulong.MaxValue / dim;
                elements = overflow ? 0 : elements * dim;
            }

            uint type = r.U32();
            ulong offset = r.U64();
            ulong? size = !overflow && TensorTypes.TryGetValue(type, out var t) && elements % (ulong)t.Block == 0 && elements / (ulong)t.Block <= ulong.MaxValue / (ulong)t.Bytes
                ? elements / (ulong)t.Block * (ulong)t.Bytes
                : null;
            infos.Add((name, offset, size, at));
        }

        long dataStart = (long)(((ulong)r.Position + alignment - 1) / alignment * alignment);
        ulong dataLength = (ulong)Math.Max(0, r.Length - dataStart);
        int reports = 0;
        foreach (var (name, offset, size, at) in infos)
        {
            string? problem = offset % alignment != 0 ? $"offset {offset} is not a multiple of the alignment {alignment}"
                : offset > dataLength || (size is { } s && s > dataLength - offset) ? $"data [{offset}, +{size?.ToString() ?? "?"}) runs past the {dataLength} data bytes"
                : null;
            if (problem is not null && reports++ < 5)
            {
                ctx.Add(Severity.Medium, FindingCodes.GgufTensorInfo, "Invalid GGUF tensor info", $"'{ScanContext.Clip(name, 200)}': {problem}.", member, at);
            }
        }
    }

    /// <summary>Sequential reader that refuses any read or claim beyond the end of the file.</summary>
    private sealed class Reader(Stream stream, long length)
    {
        private readonly byte[] _scratch = new byte[8];

        public long Position { get; private set; }

        public long Length => length;

        private long Left => length - Position;

        public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4));

        public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));

        public ulong Fixed(int size)
        {
            var b = Bytes(size);
            return size switch
            {
                1 => b[0],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(b),
                4 => BinaryPrimitives.ReadUInt32LittleEndian(b),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(b),
            };
        }

        /// <summary>A claim of count items of at least minSize bytes each must fit in the bytes left.</summary>
        public void Claim(ulong count, ulong minSize, string what, long at)
        {
            if (minSize > 0 && count > (ulong)Left / minSize)
            {
                throw new GgufError(Severity.Medium, FindingCodes.GgufClaimExceedsFile, "GGUF count exceeds the file",
                    $"The {what} claims {count} items (at least {count * minSize} bytes) but only {Left} bytes are left.", at);
            }
        }

        /// <summary>Reads a string; returns null (after skipping it) when longer than keep.</summary>
        public string? String(bool v1, int keep, string what)
        {
            long at = Position;
            ulong n = v1 ? U32() : U64();
            if (n > (ulong)Left)
            {
                throw new GgufError(Severity.Medium, FindingCodes.GgufClaimExceedsFile, "GGUF string length exceeds the file",
                    $"A {ScanContext.Clip(what, 80)} string claims {n} bytes but only {Left} are left.", at);
            }

            if ((long)n > keep)
            {
                Skip((long)n);
                return null;
            }

            var bytes = new byte[n];
            stream.ReadExactly(bytes);
            Position += (long)n;
            return Encoding.UTF8.GetString(bytes);
        }

        public void Skip(long count)
        {
            if (count > Left)
            {
                throw new GgufError(Severity.Medium, FindingCodes.GgufMalformed, "Truncated GGUF file", $"{count} bytes needed at offset {Position}, {Left} left.", Position);
            }

            stream.Seek(count, SeekOrigin.Current);
            Position += count;
        }

        private ReadOnlySpan<byte> Bytes(int count)
        {
            if (count > Left)
            {
                throw new GgufError(Severity.Medium, FindingCodes.GgufMalformed, "Truncated GGUF file", $"{count} bytes needed at offset {Position}, {Left} left.", Position);
            }

            stream.ReadExactly(_scratch, 0, count);
            Position += count;
            return _scratch.AsSpan(0, count);
        }
    }

    private sealed class GgufError(Severity severity, string code, string title, string message, long offset) : Exception(message)
    {
        public Severity Severity { get; } = severity;

        public string Code { get; } = code;

        public string Title { get; } = title;

        public long Offset { get; } = offset;
    }
}
