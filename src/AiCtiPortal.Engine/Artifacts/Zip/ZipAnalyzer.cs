using AiCtiPortal.Engine.Artifacts.Keras;

namespace AiCtiPortal.Engine.Artifacts.Zip;

/// <summary>
/// Analyses a ZIP container from its central directory and its local headers: structural tricks (name mismatches,
/// traversal, encryption, bad CRCs, overlaps, unlisted entries, bombs) and then every member's content by format.
/// </summary>
internal static class ZipAnalyzer
{
    private const long RatioFloor = 1 << 20;

    public static ArtifactFormat Analyze(ScanContext ctx, Stream stream, ZipDirectory? dir, string? member, int depth)
    {
        var entries = new List<(ZipHeader Central, ZipHeader? Local)>();
        var problems = new List<string>();
        var centrals = dir is null ? [] : ZipDirectoryReader.ReadCentral(stream, dir, ctx.Options.MaxArchiveEntries, problems);
        foreach (string problem in problems)
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipMalformed, "Malformed ZIP central directory", problem, member, dir?.CentralOffset ?? 0);
        }

        if (dir is null)
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipMalformed, "ZIP without a central directory",
                "No end-of-central-directory record was found; members were found by walking local headers.", member, 0);
        }
        else if (dir.Shift > 0)
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipPrependedData, "Data before the ZIP archive",
                $"{dir.Shift} bytes precede the first member (offsets are shifted); the file is a polyglot for readers that look at its start.", member, 0);
        }

        foreach (var central in centrals)
        {
            entries.Add((central, ZipDirectoryReader.ReadLocal(stream, central.LocalHeaderOffset)));
        }

        foreach (var unlisted in UnlistedLocals(stream, dir, centrals, ctx.Options.MaxArchiveEntries))
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipUnlistedEntry, "ZIP member missing from the central directory",
                $"A local header for '{unlisted.Name}' at offset {unlisted.HeaderOffset} is not in the central directory: readers that walk local headers see a member others do not.",
                member, unlisted.HeaderOffset);
            entries.Add((unlisted, unlisted));
        }

        var names = entries.Select(e => e.Central.Name).ToList();
        var format = Classify(names);
        CheckNames(ctx, entries, member);
        CheckOverlaps(ctx, entries, member);
        long inflatedTotal = 0;
        foreach (var (central, local) in entries)
        {
            if (ctx.OverBudget(member, central.HeaderOffset))
            {
                break;
            }

            inflatedTotal += ReadMember(ctx, stream, central, local, format, member, depth, inflatedTotal);
        }

        int raw = names.Count(n => !n.EndsWith('/') && !WantsContent(n, format));
        if (raw > 0)
        {
            ctx.Note($"{member ?? "archive"}: {raw} {(format == ArtifactFormat.KerasV3 ? "HDF5 weight" : "tensor storage")} member(s) were CRC-checked but not parsed (raw numbers).");
        }

        return format;
    }

    /// <summary>The container's flavour, from its member names (content decides the analysis of each member).</summary>
    public static ArtifactFormat Classify(IReadOnlyList<string> names)
    {
        var files = names.Where(n => !n.EndsWith('/')).ToList();
        if (files.Any(n => n.Count(c => c == '/') == 1 && n.EndsWith("/data.pkl", StringComparison.Ordinal)))
        {
            return ArtifactFormat.PyTorchZip;
        }

        if (files.Contains("config.json") && (files.Contains("metadata.json") || files.Contains("model.weights.h5")))
        {
            return ArtifactFormat.KerasV3;
        }

        return files.Count > 0 && files.All(n => n.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
            ? ArtifactFormat.NumPyZip
            : ArtifactFormat.Zip;
    }

    private static long ReadMember(ScanContext ctx, Stream stream, ZipHeader central, ZipHeader? local, ArtifactFormat format, string? member, int depth, long inflatedSoFar)
    {
        string path = member is null ? central.Name : $"{member}!/{central.Name}";
        if (local is null)
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipMalformed, "ZIP member without a local header",
                $"'{central.Name}' points at offset {central.LocalHeaderOffset}, where there is no local header.", member, central.LocalHeaderOffset);
            return 0;
        }

        CompareHeaders(ctx, central, local, member);
        ushort flags = (ushort)(central.Flags | local.Flags);
        if ((flags & 0x0041) != 0)
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipEncrypted, "Encrypted ZIP member",
                $"'{central.Name}' is encrypted (flags 0x{flags:x4}); its content cannot be analysed.", member, local.HeaderOffset);
            return 0;
        }

        // Bits 1-2 are deflate options, 3 a data descriptor, 11 UTF-8 names; anything else is unusual in model files.
        if ((flags & ~0x080E) != 0)
        {
            ctx.Add(Severity.Low, FindingCodes.ZipOddFlags, "Unusual ZIP flags",
                $"'{central.Name}' has flags 0x{flags:x4}, which loaders ignore.", member, local.HeaderOffset);
        }

        if (central.Method is not (0 or 8))
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipUnsupportedMethod, "ZIP member with an unsupported compression method",
                $"'{central.Name}' uses method {central.Method}; its content was not analysed.", member, local.HeaderOffset);
            return 0;
        }

        if (central.Name.EndsWith('/') && central.UncompressedSize == 0)
        {
            return 0;
        }

        // All members together may inflate to four times the per-member limit (overlapping-member bombs).
        long remaining = (4 * ctx.Options.MaxMemberInflatedBytes) - inflatedSoFar;
        if (remaining < ctx.Options.MaxMemberInflatedBytes && remaining < central.UncompressedSize)
        {
            ctx.Add(Severity.Low, FindingCodes.ScanLimit, "Archive inflation budget exhausted",
                $"'{central.Name}' was not read: the archive's members already inflated to {inflatedSoFar} bytes.", member, local.HeaderOffset);
            return 0;
        }

        bool wanted = WantsContent(central.Name, format);
        var data = ZipMemberReader.Read(stream, local.DataOffset, central.CompressedSize, central.Method,
            Math.Min(ctx.Options.MaxMemberInflatedBytes, remaining), wanted ? ctx.Options.MaxMemberAnalysedBytes : 0);
        if (local.DataOffset + central.CompressedSize > stream.Length)
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipMalformed, "ZIP member data runs past the end of the file",
                $"'{central.Name}' claims {central.CompressedSize} compressed bytes at offset {local.DataOffset}, past the end ({stream.Length}).", member, local.DataOffset);
        }

        CheckInflation(ctx, central, data, member, local.DataOffset);
        if (data.Content is { Length: > 0 } content)
        {
            if (data.InflatedSize > content.Length)
            {
                ctx.Add(Severity.Low, FindingCodes.ScanLimit, "ZIP member too large to analyse whole",
                    $"'{central.Name}' inflates to {data.InflatedSize} bytes; only the first {content.Length} were analysed.", member, local.DataOffset);
            }

            AnalyzeContent(ctx, content, central.Name, path, format, member, depth);
        }

        return data.InflatedSize;
    }

    private static void CheckInflation(ScanContext ctx, ZipHeader central, MemberData data, string? member, long offset)
    {
        if (data.Error is not null)
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipMalformed, "Corrupt compressed ZIP member", $"'{central.Name}': {data.Error}", member, offset);
            return;
        }

        if (data.StoppedAtLimit)
        {
            ctx.Add(Severity.High, FindingCodes.ZipCompressionRatio, "ZIP member inflates beyond the limit (zip bomb)",
                $"'{central.Name}': inflation stopped after {data.InflatedSize} bytes from {central.CompressedSize} compressed bytes (declared {central.UncompressedSize}).",
                member, offset);
            return;
        }

        double ratio = central.CompressedSize == 0 ? double.PositiveInfinity : (double)data.InflatedSize / central.CompressedSize;
        if (data.InflatedSize > RatioFloor && ratio > ctx.Options.MaxCompressionRatio)
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipCompressionRatio, "Extreme compression ratio",
                $"'{central.Name}' inflates {central.CompressedSize} bytes to {data.InflatedSize} (ratio {ratio:0}).", member, offset);
        }

        if (data.InflatedSize != central.UncompressedSize)
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipSizeMismatch, "ZIP member size differs from its header",
                $"'{central.Name}' declares {central.UncompressedSize} bytes but holds {data.InflatedSize}.", member, offset);
        }
        else if (data.Crc != central.Crc)
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipBadCrc, "ZIP member fails its CRC-32 check",
                $"'{central.Name}' has CRC-32 {data.Crc:x8} but its header says {central.Crc:x8}; lenient loaders (PyTorch) ignore this, so the member was altered after writing.",
                member, offset);
        }
    }

    private static bool WantsContent(string name, ArtifactFormat format)
    {
        // PyTorch storages and Keras HDF5 weights are raw numbers: CRC-checked, never parsed.
        if (format == ArtifactFormat.PyTorchZip)
        {
            int slash = name.IndexOf('/', StringComparison.Ordinal);
            string rest = slash < 0 ? name : name[(slash + 1)..];
            if (rest.StartsWith("data/", StringComparison.Ordinal) && !rest.EndsWith(".pkl", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return !(format == ArtifactFormat.KerasV3 && name.EndsWith(".h5", StringComparison.Ordinal));
    }

    private static void AnalyzeContent(ScanContext ctx, byte[] content, string name, string path, ArtifactFormat container, string? member, int depth)
    {
        if (container == ArtifactFormat.KerasV3 && name is "config.json" or "metadata.json")
        {
            KerasConfigInspector.Inspect(ctx, content, path);
            return;
        }

        using var memory = new MemoryStream(content, 0, content.Length, writable: false, publiclyVisible: true);
        var detected = FormatDetector.Detect(memory, out _);
        if (detected is ArtifactFormat.Zip or ArtifactFormat.PyTorchZip or ArtifactFormat.NumPyZip or ArtifactFormat.KerasV3 or ArtifactFormat.Tar or ArtifactFormat.PyTorchTar)
        {
            if (depth + 1 > ctx.Options.MaxNestingDepth)
            {
                ctx.Add(Severity.Medium, FindingCodes.ZipNestedArchive, "Nested archive too deep to analyse",
                    $"'{name}' is a {detected} archive at nesting depth {depth + 1}; not analysed.", member, 0);
                return;
            }

            ctx.Add(Severity.Low, FindingCodes.ZipNestedArchive, "Archive inside an archive",
                $"'{name}' is itself a {detected} archive; loaders do not open it, but it can carry payloads past scanners. Analysed as {path}.", member, 0);
        }

        if (detected != ArtifactFormat.Unknown)
        {
            ContentAnalyzer.Analyze(ctx, memory, path, depth + 1);
        }
    }

    private static void CompareHeaders(ScanContext ctx, ZipHeader central, ZipHeader local, string? member)
    {
        if (!central.RawName.AsSpan().SequenceEqual(local.RawName))
        {
            ctx.Add(Severity.High, FindingCodes.ZipNameMismatch, "ZIP local and central names differ",
                $"The central directory names '{central.Name}' but its local header at offset {local.HeaderOffset} names '{local.Name}': readers disagree on which member this is.",
                member, local.HeaderOffset);
        }

        if (central.Method != local.Method || ((central.Flags ^ local.Flags) & 0x0001) != 0)
        {
            ctx.Add(Severity.Low, FindingCodes.ZipOddFlags, "ZIP local and central headers disagree",
                $"'{central.Name}': central method {central.Method} flags 0x{central.Flags:x4}, local method {local.Method} flags 0x{local.Flags:x4}.",
                member, local.HeaderOffset);
        }

        bool descriptor = (local.Flags & 0x0008) != 0;
        if (!descriptor && (local.CompressedSize != central.CompressedSize || local.UncompressedSize != central.UncompressedSize || local.Crc != central.Crc))
        {
            ctx.Add(Severity.Medium, FindingCodes.ZipSizeMismatch, "ZIP local and central sizes differ",
                $"'{central.Name}': central {central.CompressedSize}/{central.UncompressedSize} bytes crc {central.Crc:x8}, local {local.CompressedSize}/{local.UncompressedSize} crc {local.Crc:x8}.",
                member, local.HeaderOffset);
        }
    }

    private static void CheckNames(ScanContext ctx, List<(ZipHeader Central, ZipHeader? Local)> entries, string? member)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (central, local) in entries)
        {
            foreach (string name in local is null || local.Name == central.Name ? [central.Name] : new[] { central.Name, local.Name })
            {
                if (IsTraversal(name))
                {
                    ctx.Add(Severity.High, FindingCodes.ZipPathTraversal, "ZIP member path escapes the extraction folder",
                        $"'{name}' is absolute or contains '..': extracting it writes outside the target folder.", member, central.LocalHeaderOffset);
                }
            }

            if (!seen.Add(central.Name))
            {
                ctx.Add(Severity.Medium, FindingCodes.ZipDuplicateName, "Duplicate ZIP member name",
                    $"'{central.Name}' appears more than once: readers pick different copies.", member, central.LocalHeaderOffset);
            }
        }
    }

    public static bool IsTraversal(string name)
    {
        string n = name.Replace('\\', '/');
        return n.StartsWith('/') || (n.Length >= 2 && n[1] == ':' && char.IsAsciiLetter(n[0]))
            || n.Split('/').Any(segment => segment == "..");
    }

    private static void CheckOverlaps(ScanContext ctx, List<(ZipHeader Central, ZipHeader? Local)> entries, string? member)
    {
        var sorted = entries.Where(e => e.Local is not null)
            .Select(e => (e.Central.Name, Start: e.Local!.HeaderOffset, End: e.Local.DataOffset + e.Central.CompressedSize))
            .OrderBy(e => e.Start).ToList();
        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Start < sorted[i - 1].End)
            {
                ctx.Add(Severity.High, FindingCodes.ZipOverlappingEntries, "ZIP members overlap",
                    $"'{sorted[i].Name}' at offset {sorted[i].Start} lies inside '{sorted[i - 1].Name}' ({sorted[i - 1].Start}-{sorted[i - 1].End}): overlapping members are a zip-bomb and smuggling technique.",
                    member, sorted[i].Start);
                return;
            }
        }
    }

    /// <summary>Local headers in the gaps between listed members (or everywhere, without a directory).</summary>
    private static List<ZipHeader> UnlistedLocals(Stream stream, ZipDirectory? dir, List<ZipHeader> centrals, int max)
    {
        var listed = centrals.Select(c => c.LocalHeaderOffset).ToHashSet();
        long end = dir?.CentralOffset ?? stream.Length;
        long pos = dir?.Shift ?? 0;
        var found = new List<ZipHeader>();
        var ends = new Dictionary<long, long>();
        foreach (var c in centrals)
        {
            if (ZipDirectoryReader.ReadLocal(stream, c.LocalHeaderOffset) is { } l)
            {
                ends[c.LocalHeaderOffset] = l.DataOffset + c.CompressedSize;
            }
        }

        // Walk forward: after a listed member skip its data; elsewhere, look for the next local header signature.
        int guard = 0;
        while (pos < end && found.Count < max && guard++ < 4 * max)
        {
            if (ends.TryGetValue(pos, out long next) && next > pos)
            {
                pos = next;
                continue;
            }

            var local = ZipDirectoryReader.ReadLocal(stream, pos);
            if (local is not null && !listed.Contains(pos))
            {
                found.Add(local);
                bool streamed = (local.Flags & 0x0008) != 0 && local.CompressedSize == 0;
                pos = streamed ? local.DataOffset : local.DataOffset + local.CompressedSize;
                continue;
            }

            long sig = FindSignature(stream, pos + 1, end);
            if (sig < 0)
            {
                break;
            }

            pos = sig;
        }

        return found;
    }

    private static long FindSignature(Stream stream, long from, long end)
    {
        var buffer = new byte[1 << 16];
        for (long pos = from; pos < end; pos += buffer.Length - 3)
        {
            int read = Io.StreamReading.ReadAt(stream, pos, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - pos)));
            for (int i = 0; i + 3 < read; i++)
            {
                if (buffer[i] == 0x50 && buffer[i + 1] == 0x4B && buffer[i + 2] == 0x03 && buffer[i + 3] == 0x04)
                {
                    return pos + i;
                }
            }

            if (read < buffer.Length)
            {
                break;
            }
        }

        return -1;
    }
}
