using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiCtiPortal.Engine.Artifacts.Io;

namespace AiCtiPortal.Engine.Artifacts.Safetensors;

/// <summary>
/// safetensors: u64 little-endian header length N, N bytes of UTF-8 JSON, then the tensor buffer. Applies every
/// rejection of the reference reader (size cap, bounds, UTF-8, JSON, duplicate keys, offsets, sizes, buffer end) and
/// looks at <c>__metadata__</c> for what does not belong in a string-to-string map of model facts.
/// </summary>
internal static partial class SafetensorsAnalyzer
{
    public const long MaxHeaderLength = 100_000_000;
    private const int MaxReportsPerCode = 5;
    private const int MaxMetadataValue = 64 * 1024;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    private static readonly Dictionary<string, int> DtypeBits = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 8, ["U8"] = 8, ["I8"] = 8, ["F8_E5M2"] = 8, ["F8_E4M3"] = 8, ["F8_E8M0"] = 8,
        ["I16"] = 16, ["U16"] = 16, ["F16"] = 16, ["BF16"] = 16,
        ["I32"] = 32, ["U32"] = 32, ["F32"] = 32, ["C64"] = 64,
        ["I64"] = 64, ["U64"] = 64, ["F64"] = 64,
        ["F4"] = 4, ["F6_E2M3"] = 6, ["F6_E3M2"] = 6,
    };

    private sealed record Entry(string Name, string? Dtype, List<BigInteger>? Shape, BigInteger Begin, BigInteger End);

    public static void Analyze(ScanContext ctx, Stream stream, string? member)
    {
        var prefix = StreamReading.ReadExactAt(stream, 0, 8);
        if (prefix is null)
        {
            ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderPastEof, "safetensors file too short", "Fewer than 8 bytes.", member, 0);
            return;
        }

        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (n > MaxHeaderLength)
        {
            ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderTooLarge, "safetensors header too large",
                $"The header claims {n} bytes; the reference reader refuses more than {MaxHeaderLength}.", member, 0);
            return;
        }

        if (8 + (long)n > stream.Length)
        {
            ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderPastEof, "safetensors header runs past the end of the file",
                $"The header claims {n} bytes but the file has {stream.Length - 8} after the length.", member, 0);
            return;
        }

        var header = StreamReading.ReadExactAt(stream, 8, (int)n)!;
        try
        {
            StrictUtf8.GetString(header);
        }
        catch (DecoderFallbackException e)
        {
            ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderInvalidUtf8, "safetensors header is not valid UTF-8", e.Message, member, 8);
            return;
        }

        var entries = new List<Entry>();
        if (!Parse(ctx, header, entries, member))
        {
            return;
        }

        CheckEntries(ctx, entries, stream.Length - 8 - (long)n, member, 8 + (long)n);
    }

    private static bool Parse(ScanContext ctx, byte[] header, List<Entry> entries, string? member)
    {
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 64 });
        var keys = new HashSet<string>(StringComparer.Ordinal);
        int duplicates = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("the header is not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string key = reader.GetString()!;
                long at = 8 + reader.TokenStartIndex;
                if (!keys.Add(key) && duplicates++ < MaxReportsPerCode)
                {
                    ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderDuplicateKey, "Duplicate key in safetensors header",
                        $"'{ScanContext.Clip(key, 200)}' appears more than once: parsers keep different copies.", member, at);
                }

                reader.Read();
                using var value = JsonDocument.ParseValue(ref reader);
                if (key == "__metadata__")
                {
                    CheckMetadata(ctx, value.RootElement, member, at);
                }
                else
                {
                    entries.Add(ReadEntry(ctx, key, value.RootElement, member, at));
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw new JsonException("unexpected token in the header object");
            }

            // The reference reader allows trailing spaces only (the header is padded to alignment with them).
            while (reader.Read())
            {
                throw new JsonException("data after the header object");
            }

            return true;
        }
        catch (JsonException e)
        {
            ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderInvalidJson, "safetensors header is not valid JSON", e.Message, member, 8 + reader.BytesConsumed);
            return false;
        }
    }

    private static Entry ReadEntry(ScanContext ctx, string name, JsonElement value, string? member, long at)
    {
        string? problem = null;
        string? dtype = null;
        List<BigInteger>? shape = null;
        BigInteger begin = -1, end = -1;
        if (value.ValueKind != JsonValueKind.Object)
        {
            problem = "the entry is not an object";
        }
        else
        {
            dtype = value.TryGetProperty("dtype", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            shape = value.TryGetProperty("shape", out var s) ? Integers(s) : null;
            var offsets = value.TryGetProperty("data_offsets", out var o) ? Integers(o) : null;
            if (dtype is null || !DtypeBits.ContainsKey(dtype))
            {
                problem = $"unknown or missing dtype '{dtype}'";
            }
            else if (shape is null)
            {
                problem = "shape must be a list of non-negative integers";
            }
            else if (offsets is not { Count: 2 })
            {
                problem = "data_offsets must be two non-negative integers";
            }
            else
            {
                (begin, end) = (offsets[0], offsets[1]);
            }
        }

        if (problem is not null)
        {
            ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderBadEntry, "Invalid tensor entry in safetensors header",
                $"'{ScanContext.Clip(name, 200)}': {problem}.", member, at);
        }

        return new Entry(name, problem is null ? dtype : null, shape, begin, end);
    }

    private static List<BigInteger>? Integers(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<BigInteger>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !BigInteger.TryParse(item.GetRawText(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v))
            {
                return null;
            }

            list.Add(v);
        }

        return list;
    }

    private static void CheckEntries(ScanContext ctx, List<Entry> entries, long bufferLength, string? member, long bufferStart)
    {
        var valid = entries.Where(e => e.Dtype is not null).ToList();
        int reports = 0;
        foreach (var e in valid)
        {
            if (e.End < e.Begin)
            {
                if (reports++ < MaxReportsPerCode)
                {
                    ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderInvalidOffsets, "Tensor ends before it begins",
                        $"'{ScanContext.Clip(e.Name, 200)}': data_offsets [{e.Begin}, {e.End}].", member, bufferStart);
                }

                continue;
            }

            BigInteger bits = e.Shape!.Aggregate(BigInteger.One, (a, b) => a * b) * DtypeBits[e.Dtype!];
            if (bits % 8 != 0 || bits / 8 != e.End - e.Begin)
            {
                if (reports++ < MaxReportsPerCode)
                {
                    ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderSizeMismatch, "Tensor size does not match its shape and dtype",
                        $"'{ScanContext.Clip(e.Name, 200)}': {e.Dtype} [{string.Join(", ", e.Shape!)}] needs {bits / 8} bytes but data_offsets span {e.End - e.Begin}.",
                        member, bufferStart);
                }
            }
        }

        BigInteger expected = 0;
        foreach (var e in valid.Where(e => e.End >= e.Begin).OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin != expected)
            {
                ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderHoleOrOverlap, e.Begin > expected ? "Hole in the safetensors buffer" : "Overlapping tensors",
                    $"'{ScanContext.Clip(e.Name, 200)}' starts at {e.Begin} where {expected} was expected: bytes are hidden or shared.", member, bufferStart);
                break;
            }

            expected = e.End;
        }

        if (expected != bufferLength && valid.Count == entries.Count)
        {
            ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderBufferEnd, "safetensors buffer does not end at the end of the file",
                $"The tensors cover {expected} bytes but {bufferLength} follow the header: {(expected < bufferLength ? "data is appended" : "the file is truncated")}.",
                member, bufferStart + (long)BigInteger.Min(expected, bufferLength));
        }
    }

    private static void CheckMetadata(ScanContext ctx, JsonElement metadata, string? member, long at)
    {
        if (metadata.ValueKind != JsonValueKind.Object)
        {
            ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderBadEntry, "__metadata__ is not an object", metadata.ValueKind.ToString(), member, at);
            return;
        }

        foreach (var property in metadata.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                ctx.Add(Severity.Medium, FindingCodes.SafetensorsHeaderBadEntry, "__metadata__ value is not a string",
                    $"'{ScanContext.Clip(property.Name, 200)}' is a {property.Value.ValueKind}; the reference reader requires strings.", member, at);
                continue;
            }

            string value = property.Value.GetString()!;
            ctx.ScanText(value, "safetensors metadata", member, at);
            var code = CodePattern().Match(value.Length > MaxMetadataValue ? value[..MaxMetadataValue] : value);
            if (value.Length > MaxMetadataValue || code.Success)
            {
                ctx.Add(Severity.Low, FindingCodes.SafetensorsHeaderSuspiciousMetadata, "Suspicious safetensors metadata",
                    $"'{ScanContext.Clip(property.Name, 100)}' ({value.Length} characters)"
                        + (code.Success ? $" looks like code: '{ScanContext.Clip(code.Value, 100)}'" : " is unusually large for model metadata"),
                    member, at);
            }
        }
    }

    [GeneratedRegex(@"\bimport\s+[\w.]+|__\w+__|\b(?:exec|eval|compile|getattr|popen)\s*\(|os\.system|subprocess|<script|\{\{|\{%|\blambda\s*:|base64\s*,|\bcurl\s+|\bwget\s+|/bin/(?:ba)?sh", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CodePattern();
}
