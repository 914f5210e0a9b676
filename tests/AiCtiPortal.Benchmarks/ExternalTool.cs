using System.Diagnostics;

namespace AiCtiPortal.Benchmarks;

/// <summary>Runs a reference tool pinned to CPU 0 (like the harness itself) and times it.</summary>
internal static class ExternalTool
{
    public static bool Exists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    /// <summary>Runs the command line through sh under taskset -c 0; returns elapsed ms and stdout.</summary>
    public static (double Milliseconds, string Output) Run(string commandLine, bool captureOutput = false)
    {
        var pinned = Exists("taskset") ? "taskset -c 0 " + commandLine : commandLine;
        var info = new ProcessStartInfo("sh", ["-c", captureOutput ? pinned : pinned + " > /dev/null"])
        {
            RedirectStandardOutput = captureOutput,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var start = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start: {commandLine}");
        var output = captureOutput ? process.StandardOutput.ReadToEndAsync() : Task.FromResult(string.Empty);
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var elapsed = Stats.Milliseconds(start);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{commandLine}' exited with {process.ExitCode}: {error.Result.Trim()}");
        }

        return (elapsed, output.Result);
    }

    public static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
