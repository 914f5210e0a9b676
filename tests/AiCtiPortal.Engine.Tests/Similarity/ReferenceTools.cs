using System.Diagnostics;
using System.Globalization;

namespace AiCtiPortal.Engine.Tests.Similarity;

/// <summary>Runs Debian's tlsh (tlsh-tools 3.4.4) and ssdeep (2.14.1) and parses their output.</summary>
internal static class ReferenceTools
{
    public const string MissingMessage =
        "tlsh-tools/ssdeep not installed; CI must install them (apt-get install tlsh-tools ssdeep). " +
        "The compatibility tests compare against these reference tools and cannot run without them.";

    public static bool Available => OnPath("tlsh") && OnPath("ssdeep");

    public static void RequireAvailable()
    {
        if (!Available)
        {
            bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            Assert.Fail(ci ? MissingMessage : MissingMessage + " Install them locally to run this test.");
        }
    }

    /// <summary>TLSH legacy digests by file name (null when the tool cannot hash the file).</summary>
    public static Dictionary<string, string?> TlshDigests(string directory)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(directory))
        {
            result[Path.GetFileName(file)] = null;
        }

        foreach (string line in Lines(Run("tlsh", "-r", directory)))
        {
            string[] f = line.Split('\t');
            if (f.Length == 2 && f[0].Length == 70)
            {
                result[Path.GetFileName(f[1])] = f[0];
            }
        }

        return result;
    }

    /// <summary>Pairwise TLSH distances (both orders) from a list of (name, digest).</summary>
    public static Dictionary<(string, string), int> TlshDistances(IEnumerable<(string Name, string Digest)> digests, bool includeLength)
    {
        string list = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(list, digests.Select(d => $"{d.Digest}\t{d.Name}"));
            string[] args = includeLength ? ["-xref", "-l", list] : ["-xref", "-l", list, "-xlen"];
            var result = new Dictionary<(string, string), int>();
            foreach (string line in Lines(Run("tlsh", args)))
            {
                string[] f = line.Split('\t');
                if (f.Length == 3)
                {
                    int d = int.Parse(f[2].Trim(), CultureInfo.InvariantCulture);
                    result[(f[0], f[1])] = d;
                    result[(f[1], f[0])] = d;
                }
            }

            return result;
        }
        finally
        {
            File.Delete(list);
        }
    }

    /// <summary>ssdeep signatures by file name.</summary>
    public static Dictionary<string, string> SsdeepSignatures(string directory)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in Lines(Run("ssdeep", "-s", "-b", "-r", directory)).Skip(1))
        {
            int comma = line.IndexOf(",\"", StringComparison.Ordinal);
            result[line[(comma + 2)..^1]] = line[..comma];
        }

        return result;
    }

    /// <summary>Pairwise ssdeep scores (both orders) of named signatures.</summary>
    public static Dictionary<(string, string), int> SsdeepScores(IEnumerable<(string Name, string Signature)> signatures)
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["ssdeep,1.1--blocksize:hash:hash,filename", .. signatures.Select(s => $"{s.Signature},\"{s.Name}\"")]);
            var result = new Dictionary<(string, string), int>();
            foreach (string line in Lines(Run("ssdeep", "-c", "-a", "-x", file)))
            {
                // "a","b",score
                string[] f = line.Split(',');
                if (f.Length == 3)
                {
                    result[(f[0].Trim('"'), f[1].Trim('"'))] = int.Parse(f[2], CultureInfo.InvariantCulture);
                }
            }

            return result;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = stderr.Result;
        return stdout;
    }
}
