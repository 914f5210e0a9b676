using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using AiCtiPortal.Engine.Artifacts.Io;
using AiCtiPortal.Engine.Artifacts.Pickle;

namespace AiCtiPortal.Engine.Artifacts.NumPy;

/// <summary>
/// NumPy .npy: magic, version, a Python dict literal header (descr, fortran_order, shape), then the data. Object
/// arrays ('O' in descr) store their data as a pickle, which is analysed like any other pickle.
/// </summary>
internal static partial class NpyAnalyzer
{
    public static void Analyze(ScanContext ctx, Stream stream, string? member, int depth)
    {
        var fixedPart = StreamReading.ReadExactAt(stream, 0, 12);
        if (fixedPart is null)
        {
            ctx.Add(Severity.Low, FindingCodes.NumPyMalformed, "Truncated .npy header", "The file ends inside the .npy preamble.", member, 0);
            return;
        }

        int major = fixedPart[6];
        int start = major == 1 ? 10 : 12;
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(fixedPart.AsSpan(8));
        if (major is < 1 or > 3 || start + headerLength > stream.Length || headerLength > 1 << 20)
        {
            ctx.Add(Severity.Low, FindingCodes.NumPyMalformed, "Invalid .npy header",
                $"Version {major}.{fixedPart[7]} with a {headerLength}-byte header in a {stream.Length}-byte file.", member, 6);
            return;
        }

        var headerBytes = StreamReading.ReadExactAt(stream, start, (int)headerLength)!;
        string header = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        long dataStart = start + headerLength;
        string? descr = DescrPattern().Match(header) is { Success: true } d ? d.Groups[1].Value : null;
        if (descr is null)
        {
            ctx.Add(Severity.Low, FindingCodes.NumPyMalformed, "The .npy header has no 'descr'", ScanContext.Clip(header, 200), member, start);
            return;
        }

        if (ObjectPattern().IsMatch(descr))
        {
            ctx.Add(Severity.Low, FindingCodes.NumPyObjectArray, "NumPy object array (the data is a pickle)",
                $"descr {ScanContext.Clip(descr, 100)}: loading needs allow_pickle=True, which unpickles the data below.", member, dataStart);
            using var data = new WindowStream(stream, dataStart, stream.Length - dataStart);
            PickleAnalyzer.Analyze(ctx, StreamReading.ToSegment(data, ctx.Options.MaxPickleBytes), member is null ? "npy-data" : $"{member}#data", depth + 1, PickleLayout.Embedded);
            return;
        }

        if (ExpectedSize(descr, header) is { } expected && expected != stream.Length - dataStart)
        {
            ctx.Add(Severity.Low, FindingCodes.NumPyMalformed, "The .npy data size does not match its header",
                $"descr {descr} and the shape need {expected} bytes; {stream.Length - dataStart} follow the header.", member, dataStart);
        }
    }

    private static BigInteger? ExpectedSize(string descr, string header)
    {
        var type = SimpleTypePattern().Match(descr);
        var shape = ShapePattern().Match(header);
        if (!type.Success || !shape.Success)
        {
            return null;
        }

        int size = type.Groups[2].Value.Length == 0 ? 1 : int.Parse(type.Groups[2].Value, CultureInfo.InvariantCulture);
        if (type.Groups[1].Value == "U")
        {
            size *= 4;
        }

        BigInteger count = 1;
        foreach (string dim in shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!BigInteger.TryParse(dim.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }

            count *= n;
        }

        return count * size;
    }

    [GeneratedRegex(@"['""]descr['""]\s*:\s*('(?:[^'\\]|\\.)*'|""[^""]*""|\[.*\])", RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""][<>|=]?O\d*['""]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ObjectPattern();

    [GeneratedRegex(@"^'[<>|=]?([biufcSUV?])(\d*)'$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SimpleTypePattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ShapePattern();
}
