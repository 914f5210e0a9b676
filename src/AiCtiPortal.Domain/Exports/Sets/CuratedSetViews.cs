using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>A set opened for editing, with the stamp a later save must present.</summary>
public sealed record EditableCuratedSet(Guid Id, CuratedSetDraft Draft, Guid ConcurrencyStamp, bool IsArchived, DateTime UpdatedAt);

/// <summary>The result of a create, update, archive or restore: the set's new stamp, for the next change.</summary>
public sealed record CuratedSetSaved(Guid Id, Guid ConcurrencyStamp, DateTime SavedAt);

/// <summary>A row of the curators' list: the set, who reads it and how much of the catalogue it holds now.</summary>
public sealed record CuratedSetSummary(
    Guid Id, string Name, string? Description, Tlp TlpCeiling, bool IsArchived, DateTime UpdatedAt,
    IReadOnlyList<string> ReaderNames, int IndicatorCount, int ReportCount, Guid ConcurrencyStamp);

/// <summary>How many published items a set holds for one reader's ceiling.</summary>
public sealed record CuratedSetCounts(int Indicators, int Reports);

/// <summary>An organisation through which a user reads a set, and the ceiling that applies when reading through it.</summary>
public sealed record ReadingOrganisation(Guid Id, string Name, Tlp Ceiling);

/// <summary>
/// A set a user may read. <see cref="Via"/> lists the user's organisations that may read it (empty for a curator who
/// belongs to none: curators read every set at its own ceiling).
/// </summary>
public sealed record ReadableCuratedSet(
    Guid Id, string Name, string? Description, Tlp TlpCeiling, DateTime UpdatedAt, IReadOnlyList<ReadingOrganisation> Via);
