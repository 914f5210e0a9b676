using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.Api;

/// <summary>
/// Shapes the API answers with. Enumerations travel as their names ("Green", "ModelArtifact"), the spelling the
/// pages' query parameters use, so a value read from a response can be sent back as a filter.
/// </summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, int PageCount);

public sealed record ApiReportSummary(
    Guid Id, string Title, string Summary, IReadOnlyList<string> Phases, string Tlp, int Confidence,
    DateTime PublishedAt, double? Score, string AuthorName);

public sealed record ApiReport(
    Guid Id, string Title, string Summary, string BodyMarkdown, IReadOnlyList<string> Phases, string Tlp, int Confidence,
    int Version, DateTime? PublishedAt, DateTime UpdatedAt, string? AuthorName,
    IReadOnlyList<ApiTechnique> Techniques, IReadOnlyList<ApiReference> References,
    IReadOnlyList<ApiIndicatorSummary> Indicators, ApiScores? Scores);

public sealed record ApiTechnique(string Id, string? Name);

public sealed record ApiReference(string Url, string? Title);

public sealed record ApiScores(
    int ReviewCount, double Overall, double Evidence, double Specificity, double Correctness, double Novelty, double Completeness);

public sealed record ApiIndicatorSummary(Guid Id, string Type, string NormalizedValue, string Tlp, int Confidence, DateTime UpdatedAt);

public sealed record ApiIndicator(
    Guid Id, string Type, string Value, string NormalizedValue, string ValueHash, string? Description,
    IReadOnlyList<string> Phases, string Tlp, int Confidence, DateTime CreatedAt, DateTime UpdatedAt,
    DateTime? FirstSeen, DateTime? LastSeen, DateTime? ValidUntil, int SightingCount, IReadOnlyList<ApiReportLink> Reports);

public sealed record ApiReportLink(Guid Id, string Title, string Tlp);

/// <summary>A lookup's answer: what the value normalised to, and the published indicators that carry it.</summary>
public sealed record ApiLookup(string Type, string NormalizedValue, string ValueHash, IReadOnlyList<ApiIndicatorSummary> Matches);

/// <summary>A curated set the token may read: <see cref="Ceiling"/> is the most restricted marking it receives from it.</summary>
public sealed record ApiCuratedSet(Guid Id, string Name, string? Description, string Ceiling, DateTime UpdatedAt, string ExportsUrl);

/// <summary>
/// One export of a set. <see cref="ManifestUrl"/> and <see cref="Files"/> are given only while it can be downloaded
/// (succeeded and not yet removed by retention).
/// </summary>
public sealed record ApiExportRun(
    Guid Id, Guid SetId, string Format, string Kind, string Status, int Progress, DateTime QueuedAt, DateTime? FinishedAt,
    DateTime? Since, DateTime? CutOff, string Ceiling, long Reports, long Indicators, long Objects, long TotalBytes, bool Expired,
    string? Message, string? ManifestUrl, IReadOnlyList<ApiExportFile> Files);

/// <summary>A file of an export, with the size and SHA-256 its manifest records.</summary>
public sealed record ApiExportFile(string Name, long Bytes, string Sha256, string Url);

internal static class ApiNames
{
    public static IReadOnlyList<string> Phases(SupplyChainPhase phases) =>
        SupplyChainPhases.Of(phases).Select(p => p.ToString()).ToList();
}
