using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Identity;

/// <summary>A consuming organisation: its members read curated sets up to the organisation's TLP clearance.</summary>
public class Organisation
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The most restricted marking the organisation's members may read.</summary>
    public Tlp Clearance { get; set; } = Tlp.Green;

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public List<OrganisationMembership> Members { get; set; } = [];
}
