namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>Configuration section "Exports".</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>The folder under the data folder that holds every export: exports/{set id}/{run id}/.</summary>
    public const string FolderName = "exports";

    /// <summary>How many successful runs to keep per set and format; older packages are deleted and their runs expired.</summary>
    public int Retention { get; set; } = 5;

    /// <summary>The creator organisation MISP events name (Orgc): the portal's operator.</summary>
    public string MispCreatorName { get; set; } = "AiCtiPortal";

    /// <summary>A fixed uuid for that organisation, so re-exports agree.</summary>
    public Guid MispCreatorUuid { get; set; } = new("5e2f3a8c-7a1b-4c55-9d0e-2b6a41c7f001");

    public static string RootFor(string dataFolder) => Path.Combine(dataFolder, FolderName);

    public static string SetFolder(string dataFolder, Guid setId) => Path.Combine(RootFor(dataFolder), setId.ToString("N"));
}
