namespace AiCtiPortal.Domain.Identity;

/// <summary>The portal's roles. Every new account is a Contributor; curators grant the others.</summary>
public static class PortalRoles
{
    public const string Contributor = "Contributor";
    public const string Reviewer = "Reviewer";

    /// <summary>Administers users, roles, organisations, taxonomies and exports.</summary>
    public const string Curator = "Curator";

    /// <summary>Member of an organisation that downloads curated exports.</summary>
    public const string Consumer = "Consumer";

    public static IReadOnlyList<string> All { get; } = [Contributor, Reviewer, Curator, Consumer];
}
