using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Data.Seeding;

/// <summary>The Development accounts named in the README; never seeded outside Development.</summary>
internal static class DemoAccounts
{
    public const string Password = "Demo-Passw0rd!";

    public const string Curator = "curator@demo.aicti.local";
    public const string Reviewer = "reviewer@demo.aicti.local";
    public const string Reviewer2 = "reviewer2@demo.aicti.local";
    public const string Contributor = "contributor@demo.aicti.local";
    public const string Consumer = "consumer@demo.aicti.local";

    public const string NorthwindOrganisation = "Northwind AI Security";

    public static IReadOnlyList<DemoOrganisation> Organisations { get; } =
    [
        new(NorthwindOrganisation,
            "Security team of a company that fine-tunes and serves open-weight models; consumes the curated feed for " +
            "its model-intake scanner.",
            Tlp.Amber),
        new("Contoso Research Lab",
            "University lab that publishes datasets and adapters; follows supply-chain alerts for its students.",
            Tlp.Green),
    ];

    // Curators and reviewers are also contributors: they write reports like anyone else.
    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new(Curator, "Casey Curator", [PortalRoles.Curator, PortalRoles.Contributor]),
        new(Reviewer, "Riley Reviewer", [PortalRoles.Reviewer, PortalRoles.Contributor]),
        // A member of an AMBER-cleared organisation, so someone in the demo can review the TLP:AMBER submission.
        new(Reviewer2, "Robin Second-Reviewer", [PortalRoles.Reviewer, PortalRoles.Contributor], NorthwindOrganisation),
        new(Contributor, "Charlie Contributor", [PortalRoles.Contributor]),
        new(Consumer, "Morgan Consumer", [PortalRoles.Consumer], NorthwindOrganisation),
    ];
}
