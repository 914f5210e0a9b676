using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Sightings;

/// <summary>
/// A sighting as a client reports it: the indicator by id, or by type and value (normalised by the catalogue, as a
/// scanner that only knows the value it saw would send it). Absent <see cref="SeenAt"/> means now, absent
/// <see cref="Count"/> means once.
/// </summary>
public sealed record SightingRequest
{
    public Guid? IndicatorId { get; init; }

    public IndicatorType? Type { get; init; }

    public string? Value { get; init; }

    public DateTime? SeenAt { get; init; }

    public int? Count { get; init; }

    public string? Source { get; init; }

    public string? Note { get; init; }

    public string? ClientId { get; init; }
}

public enum SightingStatus
{
    Recorded,

    /// <summary>The client id was seen before from this reporter: nothing was counted again.</summary>
    Replayed,

    /// <summary>No published indicator the reporter may see matches (missing and hidden look the same).</summary>
    NotFound,
}

/// <summary>What happened, and the indicator's totals after it.</summary>
public sealed record SightingOutcome(
    SightingStatus Status, Guid? SightingId, Guid? IndicatorId, int SightingCount, DateTime? FirstSeen, DateTime? LastSeen)
{
    public static SightingOutcome NotFound { get; } = new(SightingStatus.NotFound, null, null, 0, null, null);
}

/// <summary>A client id reused for a different indicator: answering the first sighting would mislead the client.</summary>
public sealed class SightingConflictException(string message) : Exception(message);
