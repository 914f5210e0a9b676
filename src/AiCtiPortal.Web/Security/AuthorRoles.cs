using AiCtiPortal.Domain.Identity;

namespace AiCtiPortal.Web.Security;

/// <summary>
/// Who may write reports: contributors, and curators (who may edit on an author's behalf). Consumers only read what
/// their organisation is cleared for, so the editor and "my submissions" are closed to them.
/// </summary>
public static class AuthorRoles
{
    /// <summary>For [Authorize(Roles = ...)] and AuthorizeView: any one of the roles suffices.</summary>
    public const string Any = PortalRoles.Contributor + "," + PortalRoles.Curator;
}
