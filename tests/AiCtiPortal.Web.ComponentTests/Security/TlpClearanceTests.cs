using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Security;

namespace AiCtiPortal.Web.ComponentTests.Security;

public class TlpClearanceTests
{
    [Fact]
    public void Contributors_and_reviewers_are_cleared_for_green() =>
        Assert.Equal(Tlp.Green, TlpClearance.ForRoles([PortalRoles.Contributor, PortalRoles.Reviewer], Tlp.Clear));

    [Fact]
    public void Consumers_get_their_organisations_clearance() =>
        Assert.Equal(Tlp.Amber, TlpClearance.ForRoles([PortalRoles.Consumer], Tlp.Amber));

    [Fact]
    public void Consumer_without_organisation_sees_clear_only() =>
        Assert.Equal(Tlp.Clear, TlpClearance.ForRoles([PortalRoles.Consumer], Tlp.Clear));

    [Fact]
    public void Curators_see_everything() =>
        Assert.Equal(Tlp.Red, TlpClearance.ForRoles([PortalRoles.Contributor, PortalRoles.Curator], Tlp.Clear));

    [Fact]
    public void The_highest_clearance_of_several_roles_wins() =>
        Assert.Equal(Tlp.AmberStrict, TlpClearance.ForRoles([PortalRoles.Contributor, PortalRoles.Consumer], Tlp.AmberStrict));

    [Fact]
    public void A_user_without_roles_sees_clear_only() => Assert.Equal(Tlp.Clear, TlpClearance.ForRoles([], Tlp.Red));
}
