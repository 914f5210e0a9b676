using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Misp;

/// <summary>
/// One published report with what it documents, resolved: one MISP event's worth. <paramref name="Phases"/> is the
/// report's own supply-chain phases (the export record of a report does not carry them). <paramref name="Indicators"/>
/// is enumerated twice (plain attributes first, then objects, as MISP holds them in two arrays), so it may be a lazy
/// sequence but must yield the same items both times.
/// </summary>
public sealed record MispEventInput(
    ReportExport Report, SupplyChainPhase Phases, IEnumerable<IndicatorExport> Indicators, IReadOnlyList<TechniqueExport> Techniques);

/// <summary>The organisation MISP records as the events' creator (Orgc): the portal's operator.</summary>
public sealed record MispOrganisation(string Name, Guid Uuid);

/// <summary>MISP's threat levels (threat_level_id). The portal rates confidence, not severity, so the default is Undefined.</summary>
public enum MispThreatLevel
{
    High = 1,
    Medium = 2,
    Low = 3,
    Undefined = 4,
}

public sealed record MispExportOptions(MispOrganisation Creator, MispThreatLevel ThreatLevel = MispThreatLevel.Undefined);
