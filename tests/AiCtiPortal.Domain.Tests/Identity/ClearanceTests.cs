using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Tests.Identity;

public class ClearanceTests
{
    [Fact]
    public void Contributors_and_reviewers_without_organisation_are_cleared_for_green() =>
        Assert.Equal(Tlp.Green, Clearance.Grant([PortalRoles.Contributor, PortalRoles.Reviewer], Tlp.Clear));

    [Fact]
    public void Consumers_get_their_organisations_clearance() =>
        Assert.Equal(Tlp.Amber, Clearance.Grant([PortalRoles.Consumer], Tlp.Amber));

    [Fact]
    public void Consumer_without_organisation_sees_clear_only() =>
        Assert.Equal(Tlp.Clear, Clearance.Grant([PortalRoles.Consumer], Tlp.Clear));

    [Fact]
    public void A_reviewer_in_an_amber_cleared_organisation_may_read_amber() =>
        Assert.Equal(Tlp.Amber, Clearance.Grant([PortalRoles.Reviewer, PortalRoles.Contributor], Tlp.Amber));

    [Fact]
    public void An_organisation_cleared_below_green_does_not_lower_a_reviewers_floor() =>
        Assert.Equal(Tlp.Green, Clearance.Grant([PortalRoles.Reviewer], Tlp.Clear));

    [Fact]
    public void Curators_see_everything() =>
        Assert.Equal(Tlp.Red, Clearance.Grant([PortalRoles.Contributor, PortalRoles.Curator], Tlp.Clear));

    [Fact]
    public void The_highest_clearance_of_roles_and_organisations_wins() =>
        Assert.Equal(Tlp.AmberStrict, Clearance.Grant([PortalRoles.Contributor, PortalRoles.Consumer], Tlp.AmberStrict));

    [Fact]
    public void A_user_without_roles_sees_clear_only_whatever_their_organisation() =>
        Assert.Equal(Tlp.Clear, Clearance.Grant([], Tlp.Red));
}
