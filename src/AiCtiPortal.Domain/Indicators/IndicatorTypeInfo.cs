using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Indicators;

/// <summary>What the catalogue tells a contributor about one indicator type.</summary>
public sealed record IndicatorTypeInfo(
    IndicatorType Type,
    string DisplayName,
    string Description,
    string Example,
    SupplyChainPhase DefaultPhases);
