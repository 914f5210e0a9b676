namespace AiCtiPortal.Domain.Taxonomy;

/// <summary>The AI supply-chain phases an item concerns. Flags, because a report often spans several.</summary>
[Flags]
public enum SupplyChainPhase
{
    None = 0,
    Data = 1,
    Training = 2,
    ModelArtifact = 4,
    Dependencies = 8,
    Deployment = 16,
    Inference = 32,
}

public static class SupplyChainPhases
{
    /// <summary>Every single phase, in supply-chain order (None excluded).</summary>
    public static IReadOnlyList<SupplyChainPhase> All { get; } =
        Enum.GetValues<SupplyChainPhase>().Where(p => p != SupplyChainPhase.None).ToArray();

    /// <summary>The single phases a combination holds, in supply-chain order.</summary>
    public static IEnumerable<SupplyChainPhase> Of(SupplyChainPhase phases) => All.Where(p => phases.HasFlag(p));
}
