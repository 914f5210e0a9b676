using AiCtiPortal.Engine.Artifacts.Policy;

namespace AiCtiPortal.Domain.Artifacts;

/// <summary>
/// The policy scans use now: a saved version (Number 1, 2, …) or the engine's embedded default (Number 0, never
/// saved), with its document and the engine's parsed form.
/// </summary>
public sealed record CurrentScanPolicy(int Number, string Json, ArtifactPolicy Policy, DateTime? CreatedAt)
{
    public const int BuiltInNumber = 0;

    public bool IsBuiltIn => Number == BuiltInNumber;

    /// <summary>How a verdict names the rules that judged it.</summary>
    public string Label => Describe(Policy.Name, Number);

    public static string Describe(string policyName, int number) =>
        number == BuiltInNumber ? $"{policyName} (built-in default)" : $"{policyName} version {number}";
}

/// <summary>One line of the policy's history, newest first on the page.</summary>
public sealed record ScanPolicyHistoryEntry(
    int Number, DateTime CreatedAt, string AuthorId, string? AuthorName, string? AuthorEmail, string? ChangeNote);

/// <summary>What a save produced.</summary>
public sealed record ScanPolicySaved(int Number, DateTime CreatedAt);
