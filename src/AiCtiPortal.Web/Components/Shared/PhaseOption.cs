using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.Components.Shared;

/// <summary>A supply-chain phase as a dropdown choice.</summary>
public sealed record PhaseOption(string Text, SupplyChainPhase Value)
{
    public static IReadOnlyList<PhaseOption> All { get; } =
        Enum.GetValues<SupplyChainPhase>()
            .Where(p => p != SupplyChainPhase.None)
            .Select(p => new PhaseOption(PhaseList.PhasesOf(p).Single(), p))
            .ToList();
}
