namespace AiCtiPortal.Domain.Identity;

public class OrganisationMembership
{
    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string UserId { get; set; } = "";

    public PortalUser? User { get; set; }

    public DateTime JoinedAt { get; set; } = DateTime.UtcNow;
}
