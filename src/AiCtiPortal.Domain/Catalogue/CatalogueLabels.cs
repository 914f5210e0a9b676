using System.Text.RegularExpressions;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>Display names for facet values, so the API and the pages label facets the same way.</summary>
public static partial class CatalogueLabels
{
    public static IReadOnlyList<SupplyChainPhase> Phases { get; } =
        Enum.GetValues<SupplyChainPhase>().Where(p => p != SupplyChainPhase.None).ToList();

    /// <summary>ModelArtifact → "Model artifact".</summary>
    public static string Of(SupplyChainPhase phase)
    {
        var text = Words().Replace(phase.ToString(), " $1").ToLowerInvariant();
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static string Of(IndicatorType type) => IndicatorCatalogue.Describe(type).DisplayName;

    public static string Of(Tlp tlp) => tlp == Tlp.AmberStrict ? "TLP:AMBER+STRICT" : $"TLP:{tlp.ToString().ToUpperInvariant()}";

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex Words();
}
