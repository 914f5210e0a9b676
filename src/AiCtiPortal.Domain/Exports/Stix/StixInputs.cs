using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Stix;

/// <summary>What an export reads of a published indicator; a projection, so a million rows are never tracked.</summary>
public sealed record IndicatorExport(
    Guid Id, IndicatorType Type, string NormalizedValue, string? Description, SupplyChainPhase Phases, Tlp Tlp,
    int Confidence, DateTime CreatedAt, DateTime UpdatedAt, DateTime? FirstSeen, DateTime? LastSeen, DateTime? ValidUntil,
    int SightingCount);

/// <summary>An ATLAS technique as an attack pattern; <paramref name="TacticNames"/> become its kill-chain phases.</summary>
public sealed record TechniqueExport(string AtlasId, string Name, string Description, IReadOnlyList<string> TacticNames, DateTime ReleasedAt);

public sealed record ReferenceExport(string Url, string? Title);

/// <summary>
/// A published report with the ids of what it documents, and the mean rubric score (1-5) of the reviews that
/// published its current version.
/// </summary>
public sealed record ReportExport(
    Guid Id, int Version, string Title, string Summary, Tlp Tlp, int Confidence, DateTime CreatedAt, DateTime UpdatedAt,
    DateTime PublishedAt, IReadOnlyList<Guid> IndicatorIds, IReadOnlyList<string> TechniqueIds,
    IReadOnlyList<ReferenceExport> References, double? MeanReviewScore, int ReviewCount);
