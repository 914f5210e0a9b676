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
