using System.Diagnostics;
using AiCtiPortal.Benchmarks.Corpus;
using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Benchmarks;

/// <summary>
/// Times the engine's hashers against the Debian reference tools on the same files, side by side: TLSH
/// (tlsh 3.4.4, so the engine uses the matching legacy profile), ssdeep, and the one-pass fingerprint against
/// sha256sum, tlsh and ssdeep run one after another. Every variant gets a warm-up run (which also fills the page
/// cache, so no variant pays for the disk), then the median of the timed runs counts.
/// Targets: TLSH ≥ 1.5×, ssdeep ≥ 1.2×, one pass ≥ 1.5× the sequential tools.
/// </summary>
internal static class HashingBenchmark
{
    private const int BufferSize = 1 << 20;

    public static void Run(Arguments args, Summary summary)
    {
        foreach (var tool in new[] { "tlsh", "ssdeep", "sha256sum" })
        {
            if (!ExternalTool.Exists(tool))
            {
                Console.WriteLine($"hashing: '{tool}' not found on PATH; skipping the side-by-side comparison.");
                summary.Add("hashing benchmark", $"{tool} missing", null);
                return;
            }
        }

        var files = args.Int("files", 200);
        var largeMib = args.Int("size-mib", 256);
        var repeats = Math.Max(1, args.Int("repeats", 3));
        Console.WriteLine($"== Hashing: {files} × 1 MiB files + one {largeMib} MiB file, median of {repeats} runs ==");
        using var corpus = HashingCorpus.Create(files, 1, largeMib);
        var paths = corpus.SmallFiles;
        var dir = ExternalTool.Quote(corpus.SmallDirectory);
        var large = ExternalTool.Quote(corpus.LargeFile);

        CheckSameOutput(corpus, paths);

        var rows = new List<(string Name, long Bytes, double ToolMs, double EngineMs, double Target)>
        {
            ("TLSH, files", corpus.SmallBytes, Time(repeats, () => ExternalTool.Run($"tlsh -r {dir}").Milliseconds), Time(repeats, () => Engine(paths, TlshOnly)), 1.5),
            ("TLSH, large file", corpus.LargeBytes, Time(repeats, () => ExternalTool.Run($"tlsh -f {large}").Milliseconds), Time(repeats, () => Engine([corpus.LargeFile], TlshOnly)), 1.5),
            ("ssdeep, files", corpus.SmallBytes, Time(repeats, () => ExternalTool.Run($"ssdeep -r {dir}").Milliseconds), Time(repeats, () => Engine(paths, SsdeepOnly)), 1.2),
            ("ssdeep, large file", corpus.LargeBytes, Time(repeats, () => ExternalTool.Run($"ssdeep {large}").Milliseconds), Time(repeats, () => Engine([corpus.LargeFile], SsdeepOnly)), 1.2),
            ("one pass vs sha256sum+tlsh+ssdeep, files", corpus.SmallBytes,
                Time(repeats, () => ExternalTool.Run($"sha256sum {dir}/*").Milliseconds + ExternalTool.Run($"tlsh -r {dir}").Milliseconds + ExternalTool.Run($"ssdeep -r {dir}").Milliseconds),
                Time(repeats, () => Engine(paths, OnePass)), 1.5),
            ("one pass vs sha256sum+tlsh+ssdeep, large file", corpus.LargeBytes,
                Time(repeats, () => ExternalTool.Run($"sha256sum {large}").Milliseconds + ExternalTool.Run($"tlsh -f {large}").Milliseconds + ExternalTool.Run($"ssdeep {large}").Milliseconds),
                Time(repeats, () => Engine([corpus.LargeFile], OnePass)), 1.5),
        };

        Console.WriteLine($"{"",-46} {"tool MiB/s",10} {"engine MiB/s",12} {"ratio",6} {"target",7}");
        foreach (var (name, bytes, toolMs, engineMs, target) in rows)
        {
            var toolRate = Rate(bytes, toolMs);
            var engineRate = Rate(bytes, engineMs);
            var ratio = engineRate / toolRate;
            Console.WriteLine($"{name,-46} {Stats.F(toolRate, "0.0"),10} {Stats.F(engineRate, "0.0"),12} {Stats.F(ratio),6} {Stats.F(target, "0.0") + "x",7}");
            summary.Add($"{name} ≥ {Stats.F(target, "0.0")}x", $"{Stats.F(ratio)}x", ratio >= target);
        }
    }

    private static double Rate(long bytes, double milliseconds) => bytes / (1024.0 * 1024.0) / (milliseconds / 1000);

    private static double Time(int repeats, Func<double> run)
    {
        run();
        return Stats.Median(Enumerable.Range(0, repeats).Select(_ => run()).ToList());
    }

    private static double Engine(IEnumerable<string> paths, Action<string> hash)
    {
        var start = Stopwatch.GetTimestamp();
        foreach (var path in paths)
        {
            hash(path);
        }

        return Stats.Milliseconds(start);
    }

    private static void TlshOnly(string path)
    {
        var hasher = new TlshHasher(TlshProfile.Legacy);
        ReadAll(path, hasher.Update);
        GC.KeepAlive(hasher.Finish());
    }

    private static void SsdeepOnly(string path)
    {
        var hasher = new SsdeepHasher(new FileInfo(path).Length);
        ReadAll(path, hasher.Update);
        GC.KeepAlive(hasher.Finish());
    }

    private static void OnePass(string path) => GC.KeepAlive(Fingerprinter.ComputeFile(path, TlshProfile.Legacy));

    private delegate void Update(ReadOnlySpan<byte> data);

    private static void ReadAll(string path, Update update)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            update(buffer.AsSpan(0, read));
        }
    }

    /// <summary>A speed comparison only means something if both sides compute the same digests: check it first.</summary>
    private static void CheckSameOutput(HashingCorpus corpus, IReadOnlyList<string> paths)
    {
        var tlsh = ExternalTool.Run($"tlsh -r {ExternalTool.Quote(corpus.SmallDirectory)}", captureOutput: true).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => Path.GetFileName(parts[1].Trim()), parts => parts[0].Trim(), StringComparer.Ordinal);
        var ssdeep = ExternalTool.Run($"ssdeep -r {ExternalTool.Quote(corpus.SmallDirectory)}", captureOutput: true).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(line => line.Split(",\"", 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => Path.GetFileName(parts[1].TrimEnd('"', '\r')), parts => parts[0], StringComparer.Ordinal);
        int tlshSame = 0, ssdeepSame = 0;
        foreach (var path in paths)
        {
            var fingerprint = Fingerprinter.ComputeFile(path, TlshProfile.Legacy);
            var name = Path.GetFileName(path);
            tlshSame += tlsh.TryGetValue(name, out var t) && string.Equals(t, fingerprint.Tlsh?.ToLegacyString(), StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            ssdeepSame += ssdeep.TryGetValue(name, out var s) && s == fingerprint.Ssdeep.ToString() ? 1 : 0;
        }

        Console.WriteLine($"same digests as the tools: TLSH {tlshSame}/{paths.Count}, ssdeep {ssdeepSame}/{paths.Count}");
    }
}
