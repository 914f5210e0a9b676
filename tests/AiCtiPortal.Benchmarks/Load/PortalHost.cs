using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using AiCtiPortal.Domain.Data;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>
/// The real portal (this configuration's build of AiCtiPortal.Web) as a child process on Kestrel, in Production
/// mode against the seeded database: no demo data, no migrations at start (the database is current), Server-Timing on.
/// Its output goes to a log file beside the benchmark, which is where a failed start is explained.
/// </summary>
internal sealed class PortalHost : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _scratch;

    private PortalHost(Process process, Uri baseAddress, StreamWriter log, string logPath, string scratch)
    {
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
        LogPath = logPath;
        _scratch = scratch;
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    /// <summary>CPU time the portal process has used so far (all its threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public long WorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public static async Task<PortalHost> StartAsync(LoadDatabase database, CancellationToken ct)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"aicti-load-portal-{Guid.NewGuid():N}");
        var dataFolder = Path.Combine(scratch, "data");
        Directory.CreateDirectory(dataFolder);
        // A private copy of the build output: other builds of the shared tree must not swap the portal mid-run.
        var built = PortalAssembly();
        var app = Path.Combine(scratch, "app");
        CopyDirectory(Path.GetDirectoryName(built)!, app);
        var assembly = Path.Combine(app, Path.GetFileName(built));
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(assembly);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.ToString());
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment["Database__Provider"] = database.Provider.ToString();
        startInfo.Environment["Database__ConnectionString"] = database.ConnectionString;
        startInfo.Environment["Database__DataFolder"] = dataFolder;
        startInfo.Environment["Database__MigrateOnStartup"] = "false";
        startInfo.Environment["Diagnostics__ServerTiming"] = "true";
        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";

        var logPath = Path.Combine(AppContext.BaseDirectory, "load-logs", $"portal-{database.Provider}-{DateTime.UtcNow:HHmmss}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start 'dotnet {assembly}'.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new PortalHost(process, baseAddress, log, logPath, scratch);
        try
        {
            await host.WaitUntilHealthyAsync(ct);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }

        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // The copy and the Data Protection keys; a temp folder left behind is harmless.
        }
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        var last = "no answer yet";
        while (deadline.Elapsed < StartupTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode} before /health answered; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                last = "timed out";
            }

            await Task.Delay(500, ct);
        }

        throw new InvalidOperationException($"/health did not answer 200 within {StartupTimeout.TotalSeconds:0} s (last: {last}); see {LogPath}.");
    }

    private static string PortalAssembly()
    {
        var recorded = typeof(PortalHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "PortalAssemblyPath")?.Value;
        if (string.IsNullOrWhiteSpace(recorded) || !File.Exists(recorded))
        {
            throw new InvalidOperationException(
                $"The portal's build output was not found at '{recorded}'. Build the benchmark project (it builds the portal first).");
        }

        return recorded;
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
