using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Sightings;

/// <summary>
/// Who reports a sighting: a personal token's owner or an organisation, with the clearance the token carries.
/// Exactly one of <see cref="UserId"/> and <see cref="OrganisationId"/> is set.
/// </summary>
public sealed record SightingReporter(Guid TokenId, string? UserId, Guid? OrganisationId, Tlp Clearance)
{
    public string Key => UserId is not null ? $"user:{UserId}" : $"organisation:{OrganisationId}";

    /// <summary>The audit trail's actor: the user, or the organisation for its tokens (which have no user).</summary>
    public string ActorId => UserId ?? $"organisation:{OrganisationId}";
}
