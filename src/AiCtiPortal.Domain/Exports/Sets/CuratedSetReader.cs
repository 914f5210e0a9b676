using AiCtiPortal.Domain.Identity;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>Grants one organisation's members (and its API tokens) read access to one curated set.</summary>
public class CuratedSetReader
{
    public Guid SetId { get; set; }

    public CuratedSet? Set { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }
}
