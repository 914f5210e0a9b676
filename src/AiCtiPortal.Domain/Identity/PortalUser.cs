using Microsoft.AspNetCore.Identity;

namespace AiCtiPortal.Domain.Identity;

public class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public List<OrganisationMembership> Memberships { get; set; } = [];
}
