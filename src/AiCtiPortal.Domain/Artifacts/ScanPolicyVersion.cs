namespace AiCtiPortal.Domain.Artifacts;

/// <summary>
/// One saved version of the artifact scanner's policy. The document stays in the engine's JSON format (what
/// ArtifactPolicy.Load reads); versions are never changed or deleted, so every verdict can name the rules it used.
/// </summary>
public class ScanPolicyVersion
{
    public const int MaxChangeNoteLength = 2000;

    /// <summary>A policy document is a few hundred rules; this bounds what a curator can paste.</summary>
    public const int MaxJsonLength = 1_000_000;

    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>1, 2, 3 … unique: two curators saving at once cannot both take the same number.</summary>
    public int Number { get; set; }

    public string Json { get; set; } = "{}";

    public string AuthorId { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public string? ChangeNote { get; set; }
}
