using System.Text;
using AiCtiPortal.Engine.Artifacts.Io;
using AiCtiPortal.Engine.Artifacts.Pickle;

namespace AiCtiPortal.Engine.Artifacts.Tar;

/// <summary>
/// POSIX ustar archives, including the oldest torch.save layout (members sys_info, pickle, storages, tensors): headers
/// are checked (paths, links, checksums) and members analysed by content.
/// </summary>
internal static class TarAnalyzer
{
    private const int Block = 512;

    private sealed record TarEntry(long HeaderOffset, string Name, char Type, string LinkName, long Size, bool ChecksumOk);

    public static bool IsTorchLegacyTar(Stream stream)
    {
        var names = Entries(stream, 64).Select(e => e.Name.TrimStart('.', '/')).ToHashSet(StringComparer.Ordinal);
        return names.Contains("pickle") && (names.Contains("storages") || names.Contains("sys_info"));
    }

    public static void Analyze(ScanContext ctx, Stream stream, string? member, int depth)
    {
        bool torch = IsTorchLegacyTar(stream);
        foreach (var entry in Entries(stream, ctx.Options.MaxArchiveEntries))
        {
            if (ctx.OverBudget(member, entry.HeaderOffset))
            {
                return;
            }

            if (!entry.ChecksumOk)
            {
                ctx.Add(Severity.Low, FindingCodes.TarMalformed, "Tar header checksum mismatch",
                    $"The header of '{ScanContext.Clip(entry.Name, 200)}' fails its checksum; strict readers stop here.", member, entry.HeaderOffset);
            }

            foreach (string named in entry.Type is '1' or '2' ? new[] { entry.Name, entry.LinkName } : [entry.Name])
            {
                if (Zip.ZipAnalyzer.IsTraversal(named))
                {
                    ctx.Add(Severity.High, FindingCodes.TarPathTraversal, "Tar member path escapes the extraction folder",
                        $"'{ScanContext.Clip(named, 300)}' ({(entry.Type is '1' or '2' ? "link" : "member")}) is absolute or contains '..'.", member, entry.HeaderOffset);
                }
            }

            if (entry.Type is not ('0' or '\0') || entry.Size == 0)
            {
                continue;
            }

            long dataOffset = entry.HeaderOffset + Block;
            long size = Math.Min(entry.Size, Math.Min(ctx.Options.MaxMemberAnalysedBytes, stream.Length - dataOffset));
            var bytes = StreamReading.ReadExactAt(stream, dataOffset, (int)Math.Max(0, size));
            if (bytes is null)
            {
                continue;
            }

            string path = member is null ? entry.Name : $"{member}!/{entry.Name}";
            string leaf = entry.Name.TrimStart('.', '/');
            if (torch && leaf is "storages" or "tensors")
            {
                PickleAnalyzer.Analyze(ctx, bytes, path, depth + 1, PickleLayout.TorchLegacy);
                continue;
            }

            if (depth + 1 <= ctx.Options.MaxNestingDepth)
            {
                using var memory = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
                ContentAnalyzer.Analyze(ctx, memory, path, depth + 1);
            }
        }
    }

    private static IEnumerable<TarEntry> Entries(Stream stream, int max)
    {
        long pos = 0;
        string? longName = null;
        var header = new byte[Block];
        for (int count = 0; count < max && pos + Block <= stream.Length; count++)
        {
            if (StreamReading.ReadAt(stream, pos, header) != Block || header.All(b => b == 0))
            {
                yield break;
            }

            long size = Size(header.AsSpan(124, 12));
            if (size < 0)
            {
                yield break;
            }

            char type = (char)header[156];
            string name = Field(header.AsSpan(0, 100));
            string prefix = Field(header.AsSpan(345, 155));
            if (prefix.Length > 0 && header.AsSpan(257, 5).SequenceEqual("ustar"u8))
            {
                name = $"{prefix}/{name}";
            }

            if (type == 'L')
            {
                longName = Encoding.UTF8.GetString(StreamReading.ReadExactAt(stream, pos + Block, (int)Math.Min(size, 1 << 16)) ?? []).TrimEnd('\0');
            }
            else
            {
                yield return new TarEntry(pos, longName ?? name, type, Field(header.AsSpan(157, 100)), size, ChecksumOk(header));
                longName = null;
            }

            pos += Block + ((size + Block - 1) / Block * Block);
        }
    }

    private static string Field(ReadOnlySpan<byte> field)
    {
        int end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    /// <summary>Octal digits, or GNU base-256 when the high bit of the first byte is set.</summary>
    private static long Size(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            long value = 0;
            foreach (byte b in field[1..])
            {
                if (value > long.MaxValue >> 9)
                {
                    return -1;
                }

                value = (value << 8) | b;
            }

            return value;
        }

        long octal = 0;
        foreach (byte b in field)
        {
            if (b is 0 or (byte)' ')
            {
                if (octal > 0)
                {
                    break;
                }

                continue;
            }

            if (b is < (byte)'0' or > (byte)'7' || octal > long.MaxValue >> 4)
            {
                return -1;
            }

            octal = (octal * 8) + (b - '0');
        }

        return octal;
    }

    private static bool ChecksumOk(byte[] header)
    {
        long stored = Size(header.AsSpan(148, 8));
        long sum = 0;
        for (int i = 0; i < Block; i++)
        {
            sum += i is >= 148 and < 156 ? (byte)' ' : header[i];
        }

        return stored == sum;
    }
}
