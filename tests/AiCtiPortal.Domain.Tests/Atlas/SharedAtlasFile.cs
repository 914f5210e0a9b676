namespace AiCtiPortal.Domain.Tests.Atlas;

/// <summary>The official ATLAS 5.6.0 file in ../shared (beside the repository); never copied into the repository.</summary>
internal static class SharedAtlasFile
{
    public static string Path { get; } = Locate();

    public static string ReadText() => File.ReadAllText(Path);

    public static MemoryStream Open() => new(File.ReadAllBytes(Path));

    private static string Locate()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(System.IO.Path.Combine(folder.FullName, "AiCtiPortal.sln")))
        {
            folder = folder.Parent;
        }

        if (folder is null)
        {
            throw new InvalidOperationException(
                $"Cannot find AiCtiPortal.sln above {AppContext.BaseDirectory}; the ATLAS tests locate ../shared from the repository root.");
        }

        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder.FullName, "..", "shared", "data", "atlas", "ATLAS.yaml"));
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"The ATLAS 5.6.0 data file is missing at {path}. The ATLAS tests need it: place mitre-atlas/atlas-data dist/ATLAS.yaml (5.6.0) there.");
    }
}
