using AiCtiPortal.Engine.Artifacts.Gguf;
using AiCtiPortal.Engine.Artifacts.Hdf5;
using AiCtiPortal.Engine.Artifacts.Io;
using AiCtiPortal.Engine.Artifacts.Joblib;
using AiCtiPortal.Engine.Artifacts.NumPy;
using AiCtiPortal.Engine.Artifacts.Onnx;
using AiCtiPortal.Engine.Artifacts.Pickle;
using AiCtiPortal.Engine.Artifacts.Safetensors;
using AiCtiPortal.Engine.Artifacts.Tar;
using AiCtiPortal.Engine.Artifacts.Zip;

namespace AiCtiPortal.Engine.Artifacts;

/// <summary>Detects the format of a seekable stream (a file or an in-memory member) and runs its analyser.</summary>
internal static class ContentAnalyzer
{
    public static ArtifactFormat Analyze(ScanContext ctx, Stream stream, string? member, int depth)
    {
        var format = FormatDetector.Detect(stream, out var zip);
        switch (format)
        {
            case ArtifactFormat.Zip or ArtifactFormat.PyTorchZip or ArtifactFormat.NumPyZip or ArtifactFormat.KerasV3:
                format = ZipAnalyzer.Analyze(ctx, stream, zip, member, depth);
                return format;
            case ArtifactFormat.Pickle or ArtifactFormat.PyTorchLegacy:
                var segment = PickleSegment(ctx, stream, member);
                int before = ctx.Imports.Count;
                PickleAnalyzer.Analyze(ctx, segment, member, depth, format == ArtifactFormat.PyTorchLegacy ? PickleLayout.TorchLegacy : PickleLayout.Plain);
                if (format == ArtifactFormat.Pickle && ctx.Imports.Skip(before).Any(i => i.StartsWith("joblib.", StringComparison.Ordinal) || i.StartsWith("sklearn.externals.joblib.", StringComparison.Ordinal)))
                {
                    format = ArtifactFormat.Joblib;
                }

                break;
            case ArtifactFormat.NumPy:
                NpyAnalyzer.Analyze(ctx, stream, member, depth);
                break;
            case ArtifactFormat.Safetensors:
                SafetensorsAnalyzer.Analyze(ctx, stream, member);
                break;
            case ArtifactFormat.Gguf:
                GgufAnalyzer.Analyze(ctx, stream, member);
                break;
            case ArtifactFormat.Onnx:
                OnnxAnalyzer.Analyze(ctx, stream, member);
                break;
            case ArtifactFormat.Tar or ArtifactFormat.PyTorchTar:
                TarAnalyzer.Analyze(ctx, stream, member, depth);
                break;
            case ArtifactFormat.Hdf5:
                Hdf5Analyzer.Analyze(ctx, stream, member);
                break;
            case ArtifactFormat.Joblib:
                format = CompressedJoblibAnalyzer.Analyze(ctx, stream, member, depth);
                break;
            default:
                var head = new byte[(int)Math.Min(16, stream.Length)];
                StreamReading.ReadAt(stream, 0, head);
                ctx.Add(Severity.Info, FindingCodes.FormatUnsupported, "Format not recognised",
                    $"No supported model format matches the content (first bytes {Convert.ToHexString(head)}).", member, 0);
                return format;
        }

        // A file that is also a ZIP (directory at its end) loads differently in readers that check the end or the start.
        if (zip is null && ZipDirectoryReader.FindDirectory(stream) is { } hidden)
        {
            ctx.Add(Severity.High, FindingCodes.FormatPolyglot, "File is also a ZIP archive",
                $"The content is {format} but a ZIP central directory ends at offset {hidden.EocdOffset}: readers that check for a ZIP end see another file.",
                member, hidden.EocdOffset);
            ZipAnalyzer.Analyze(ctx, stream, hidden, member is null ? "zip" : $"{member}!zip", depth + 1);
        }

        return format;
    }

    private static ArraySegment<byte> PickleSegment(ScanContext ctx, Stream stream, string? member)
    {
        if (stream.Length > ctx.Options.MaxPickleBytes)
        {
            ctx.Add(Severity.Low, FindingCodes.ScanLimit, "Pickle too large to analyse whole",
                $"The stream has {stream.Length} bytes; only the first {ctx.Options.MaxPickleBytes} were analysed.", member, ctx.Options.MaxPickleBytes);
        }

        return StreamReading.ToSegment(stream, ctx.Options.MaxPickleBytes);
    }
}
