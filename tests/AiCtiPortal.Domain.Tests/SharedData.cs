namespace AiCtiPortal.Domain.Tests;

/// <summary>
/// Files from ../shared beside the repository (public data such as ATLAS and the STIX schemas, never committed). A
/// missing file is a failure with the path and what belongs there, never a skip: CI must not pass without the data.
/// </summary>
internal static class SharedData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The full path of ../shared/<paramref name="relative"/>; throws, naming the path, when it is missing.</summary>
    public static string Require(string relative, string whatItIs)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", relative));
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"Missing shared test data at {path}: {whatItIs}. Tests read it from ../shared beside the repository.");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiCtiPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AiCtiPortal.sln above {AppContext.BaseDirectory}; shared test data is found from the repository root.");
    }
}
