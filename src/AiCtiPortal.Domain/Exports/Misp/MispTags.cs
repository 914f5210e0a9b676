using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Misp;

/// <summary>
/// Tag names. TLP uses MISP's "tlp" taxonomy, whose TLP 2.0 values are tlp:clear, tlp:green, tlp:amber,
/// tlp:amber+strict and tlp:red. ATLAS techniques use the tag form of MISP's galaxy clusters,
/// <c>misp-galaxy:{galaxy type}="{cluster value}"</c>, with the galaxy type of misp-galaxy's
/// clusters/mitre-atlas-attack-pattern.json, whose cluster values are the ATLAS technique names; MISP attaches the
/// cluster when a tag of that form matches one it knows. Cluster values follow ATLAS's names, which ATLAS revises
/// ("ML Supply Chain Compromise" became "AI Supply Chain Compromise"), so a receiver whose galaxy is older than our
/// ATLAS data keeps a plain tag; the ATLAS id therefore travels too, as a tag of its own that no rename breaks.
/// The supply-chain phase, indicator type and ATLAS id are the portal's own machine tags (namespace:predicate="value",
/// the taxonomy tag form), under the namespace "aicti".
/// </summary>
public static class MispTags
{
    public const string AtlasGalaxyType = "mitre-atlas-attack-pattern";

    public const string PortalNamespace = "aicti";

    public static string Tlp(Tlp tlp) => $"tlp:{TlpMarkings.LevelOf(tlp)}";

    public static string AtlasTechnique(TechniqueExport technique)
    {
        ArgumentNullException.ThrowIfNull(technique);
        return $"misp-galaxy:{AtlasGalaxyType}=\"{technique.Name}\"";
    }

    public static string AtlasId(TechniqueExport technique)
    {
        ArgumentNullException.ThrowIfNull(technique);
        return $"{PortalNamespace}:atlas-technique=\"{technique.AtlasId}\"";
    }

    public static string Phase(SupplyChainPhase phase) =>
        $"{PortalNamespace}:supply-chain-phase=\"{StixBundleWriter.PhaseName(phase.ToString())}\"";

    public static string IndicatorType(IndicatorType type) =>
        $"{PortalNamespace}:indicator-type=\"{StixBundleWriter.PhaseName(type.ToString())}\"";
}
