using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace AiCtiPortal.E2E.Infrastructure;

/// <summary>
/// The real portal, started from its build output as a separate process: what a user runs, not a test host.
/// Each instance gets a free port and a fresh data folder (new SQLite database, demo data seeded on start).
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly string _dataFolder;
    private readonly StringBuilder _log = new();

    private PortalProcess(Process process, Uri baseAddress, string dataFolder)
    {
        _process = process;
        BaseAddress = baseAddress;
        _dataFolder = dataFolder;
    }

    public Uri BaseAddress { get; }

    /// <summary>
    /// ../shared/data/atlas/ATLAS.yaml beside the repository (found by walking up to AiCtiPortal.sln), or null when it
    /// is missing; tests that need techniques fail with <see cref="AtlasFileMissing"/> in that case.
    /// </summary>
    public static string? AtlasFile { get; } = FindAtlasFile();

    public const string AtlasFileMissing =
        "../shared/data/atlas/ATLAS.yaml (beside the folder holding AiCtiPortal.sln) is missing, so the e2e portal has " +
        "no ATLAS techniques to pick. Provide the shared data folder.";

    /// <summary>Everything the portal wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public string LogTail(int lines)
    {
        var all = Log.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    public static async Task<PortalProcess> StartAsync()
    {
        var assemblyPath = LocatePortalAssembly();
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var dataFolder = Path.Combine(Path.GetTempPath(), $"aicti-e2e-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataFolder);

        var startInfo = new ProcessStartInfo("dotnet")
        {
            // The content root is the build output, which holds appsettings*.json and the static web assets manifest.
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(assemblyPath);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.ToString());
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["Database__Provider"] = "Sqlite";
        startInfo.Environment["Database__DataFolder"] = dataFolder;
        // A developer's own settings must not point the e2e portal at a shared database.
        startInfo.Environment.Remove("Database__ConnectionString");
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        // appsettings.Development.json points at ../shared relative to the project folder, but this content root is
        // the build output three levels deeper; name the file absolutely so the start-up ATLAS import finds it.
        if (AtlasFile is { } atlas)
        {
            startInfo.Environment["Jobs__AtlasImport__LocalFile"] = atlas;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var portal = new PortalProcess(process, baseAddress, dataFolder);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start 'dotnet {assemblyPath}'.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await portal.WaitUntilHealthyAsync();
        }
        catch
        {
            await portal.DisposeAsync();
            throw;
        }

        return portal;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }

        SaveLog();
        _process.Dispose();
        TryDeleteDataFolder();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string lastAnswer = "no answer yet";
        while (deadline.Elapsed < StartupTimeout)
        {
            if (_process.HasExited)
            {
                throw new PortalStartupException(
                    $"The portal exited with code {_process.ExitCode} before /health answered.", StartupLog());
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                lastAnswer = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException ex)
            {
                lastAnswer = ex.Message;
            }
            catch (TaskCanceledException)
            {
                lastAnswer = "request timed out";
            }

            await Task.Delay(500);
        }

        throw new PortalStartupException(
            $"/health did not answer 200 within {StartupTimeout.TotalSeconds:0} s (last: {Shorten(lastAnswer)}).",
            StartupLog());
    }

    /// <summary>The end of the log, where start-up failures show; the whole log is saved to <see cref="LogPath"/>.</summary>
    private string StartupLog() => $"(full log: {LogPath}){Environment.NewLine}{LogTail(120)}";

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + " ...";

    private static string LocatePortalAssembly()
    {
        var recorded = typeof(PortalProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "PortalAssemblyPath")?.Value;
        if (string.IsNullOrWhiteSpace(recorded) || !File.Exists(recorded))
        {
            throw new InvalidOperationException(
                $"The portal's build output was not found at '{recorded}'. Build the solution first " +
                "(the e2e project references src/AiCtiPortal.Web for build order only).");
        }

        return recorded;
    }

    private static string? FindAtlasFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiCtiPortal.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "atlas", "ATLAS.yaml"));
                return File.Exists(path) ? path : null;
            }
        }

        return null;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Where the portal's output is saved when it stops, beside the test assembly.</summary>
    public string LogPath => Path.Combine(AppContext.BaseDirectory, "portal-logs", $"portal-{BaseAddress.Port}.log");

    private void SaveLog()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        File.WriteAllText(LogPath, Log);
    }

    private void TryDeleteDataFolder()
    {
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child process; the temp folder is cleaned by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
