using System.Text.RegularExpressions;

namespace AiCtiPortal.Domain.Tests.Data;

/// <summary>Technique ids from the shared ATLAS data file (../shared/data/atlas/ATLAS.yaml, never committed).</summary>
internal static partial class AtlasIds
{
    public static async Task<HashSet<string>> LoadAsync()
    {
        var file = Path.Combine(SolutionRoot(), "..", "shared", "data", "atlas", "ATLAS.yaml");
        Assert.True(File.Exists(file), $"The ATLAS data file is missing at {Path.GetFullPath(file)}; the tests read it from ../shared beside the repository.");
        var text = await File.ReadAllTextAsync(file);
        return TechniqueId().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    private static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiCtiPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AiCtiPortal.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^\s*- id: (AML\.T\d{4}(?:\.\d{3})?)\s*$", RegexOptions.Multiline)]
    private static partial Regex TechniqueId();
}
