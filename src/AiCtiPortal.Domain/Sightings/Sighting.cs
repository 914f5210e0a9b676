using AiCtiPortal.Domain.Data.Configurations;
using AiCtiPortal.Domain.Indicators;

namespace AiCtiPortal.Domain.Sightings;

/// <summary>
/// One report that an indicator was seen in the wild, as an API client sent it. The indicator's SightingCount and
/// LastSeen summarise these rows; the rows keep who reported what, so a figure can always be traced to its sources.
/// </summary>
public class Sighting
{
    public const int MaxSourceLength = 200;
    public const int MaxNoteLength = ColumnLengths.Description;
    public const int MaxClientIdLength = 64;

    /// <summary>"user:" or "organisation:" and the owner's id; room for the longest user reference.</summary>
    public const int ReporterKeyLength = ColumnLengths.UserReference + 16;

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    /// <summary>When the reporter saw the indicator (UTC); not when it was reported.</summary>
    public DateTime SeenAt { get; set; }

    /// <summary>How many times it was seen in this observation (a scanner may batch hits).</summary>
    public int Count { get; set; } = 1;

    /// <summary>What saw it, as the client names it ("edge-proxy-eu", "model-registry scanner").</summary>
    public string? Source { get; set; }

    public string? Note { get; set; }

    /// <summary>Whose sighting this is: idempotency ids are unique per reporter, not per token.</summary>
    public string ReporterKey { get; set; } = "";

    /// <summary>The token that sent it; not a foreign key, so a revoked or deleted token leaves its sightings.</summary>
    public Guid TokenId { get; set; }

    /// <summary>The client's own id for this sighting; a retry with the same id is answered, not counted again.</summary>
    public string? ClientId { get; set; }

    public DateTime RecordedAt { get; set; }
}
