namespace AiCtiPortal.Cli;

/// <summary>Expands the PATH arguments lazily: files as given, directories walked recursively in bounded memory.</summary>
internal static class FileWalker
{
    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
    };

    public static IEnumerable<string> Expand(IEnumerable<string> paths, CliConsole console)
    {
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (string file in Directory.EnumerateFiles(path, "*", Recursive))
                {
                    yield return file;
                }
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
            else
            {
                console.Error($"cannot read {path}: no such file or directory");
            }
        }
    }
}
