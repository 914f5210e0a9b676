using System.Text.Json;

namespace AiCtiPortal.Domain.Exports.Packages;

/// <summary>
/// Writes one export's files where consumers cannot see them, then publishes them all at once: files go to
/// <c>{root}/.incomplete/{id}/</c>, the manifest is written last and the folder is renamed to <c>{root}/{id}</c>
/// (a rename within one file system is atomic). An export that fails or is abandoned is deleted on dispose, so a
/// consumer never sees a partial file, and a crashed process leaves only the hidden folder, which
/// <see cref="RemoveAbandoned"/> clears.
/// </summary>
public sealed class ExportPackage : IAsyncDisposable
{
    public const string IncompleteFolder = ".incomplete";

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    // Open files only: a file that is closed leaves just its manifest entry behind, so a package of thousands of small
    // files (one MISP event each) does not keep every closed FileStream and its 64 KiB buffer alive until publication.
    private readonly Dictionary<string, HashingWriteStream> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExportFile> _closed = new(StringComparer.Ordinal);
    private readonly string _root;
    private bool _completed;

    private ExportPackage(string root, Guid exportId)
    {
        _root = root;
        ExportId = exportId;
        WorkingFolder = Path.Combine(root, IncompleteFolder, exportId.ToString("N"));
        if (Directory.Exists(FinalFolder))
        {
            throw new InvalidOperationException($"Export {exportId} has already been published.");
        }

        Directory.CreateDirectory(WorkingFolder);
    }

    public Guid ExportId { get; }

    /// <summary>Where the files are while the export is written; never served.</summary>
    public string WorkingFolder { get; }

    /// <summary>Where the files are once published.</summary>
    public string FinalFolder => Path.Combine(_root, ExportId.ToString("N"));

    public static ExportPackage Begin(string exportsRoot, Guid exportId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(exportsRoot);
        return new ExportPackage(Path.GetFullPath(exportsRoot), exportId);
    }

    /// <summary>Deletes what crashed exports left in the hidden folder; published exports are not touched.</summary>
    public static void RemoveAbandoned(string exportsRoot)
    {
        var incomplete = Path.Combine(exportsRoot, IncompleteFolder);
        if (Directory.Exists(incomplete))
        {
            Directory.Delete(incomplete, recursive: true);
        }
    }

    /// <summary>A new file of the export, hashed as it is written. Names are plain file names, used once each.</summary>
    public Stream CreateFile(string name)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The export has been published; it cannot gain files.");
        }

        if (string.IsNullOrWhiteSpace(name) || name != Path.GetFileName(name) || name is "." or ".." ||
            name == ExportManifest.FileName || name.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a file name an export may use.", nameof(name));
        }

        if (_open.ContainsKey(name) || _closed.ContainsKey(name))
        {
            throw new ArgumentException($"The export already has a file named '{name}'.", nameof(name));
        }

        var file = new HashingWriteStream(
            new FileStream(Path.Combine(WorkingFolder, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true),
            closed => Closed(name, closed));
        _open[name] = file;
        return file;
    }

    /// <summary>Closes every file, writes the manifest and publishes the folder in one rename.</summary>
    public async Task<ExportManifest> CompleteAsync(
        string setName, string format, DateTime? incrementalSince, DateTime generatedAt,
        IReadOnlyDictionary<string, long> counts, CancellationToken ct = default)
    {
        await CloseOpenFilesAsync();
        var manifest = new ExportManifest(ExportId, setName, format, incrementalSince, generatedAt, counts,
            _closed.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToList());
        await using (var stream = new FileStream(Path.Combine(WorkingFolder, ExportManifest.FileName), FileMode.CreateNew))
        {
            await JsonSerializer.SerializeAsync(stream, manifest, ManifestJson, ct);
        }

        ct.ThrowIfCancellationRequested();
        Directory.Move(WorkingFolder, FinalFolder);
        _completed = true;
        return manifest;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseOpenFilesAsync();

        if (!_completed && Directory.Exists(WorkingFolder))
        {
            Directory.Delete(WorkingFolder, recursive: true);
        }
    }

    /// <summary>How many files are still open (the rest are manifest entries only).</summary>
    internal int OpenFileCount => _open.Count;

    private void Closed(string name, HashingWriteStream file)
    {
        _open.Remove(name);
        _closed[name] = new ExportFile(name, file.BytesWritten, file.Sha256);
    }

    private async Task CloseOpenFilesAsync()
    {
        // Disposing removes the file from _open, so iterate over a copy.
        foreach (var file in _open.Values.ToList())
        {
            await file.DisposeAsync();
        }
    }
}
