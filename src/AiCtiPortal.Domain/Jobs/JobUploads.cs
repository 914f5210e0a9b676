using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Data;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// Files handed to background jobs live in the data folder's uploads/ and nowhere else: a job only ever reads (and
/// deletes) files there, so a request cannot point it at an arbitrary path on the server.
/// </summary>
public static class JobUploads
{
    public const string FolderName = "uploads";

    public static string FolderFor(PortalDatabaseSettings database) => Path.Combine(database.DataFolder, FolderName);

    /// <summary>Saves <paramref name="content"/> under a fresh name in uploads/ and returns its full path.</summary>
    public static async Task<string> SaveAsync(PortalDatabaseSettings database, Stream content, string extension, long maxBytes, CancellationToken ct)
    {
        var folder = FolderFor(database);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}{(extension.StartsWith('.') ? extension : "." + extension)}");
        await using var buffer = await BoundedCopy.ReadAsync(content, maxBytes, ct);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await buffer.CopyToAsync(file, ct);
        return path;
    }

    /// <summary>The full path of <paramref name="filePath"/> (absolute, or relative to uploads/) if it lies inside uploads/.</summary>
    public static string? Resolve(PortalDatabaseSettings database, string filePath)
    {
        var folder = Path.GetFullPath(FolderFor(database));
        var full = Path.GetFullPath(filePath, folder);
        return full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
