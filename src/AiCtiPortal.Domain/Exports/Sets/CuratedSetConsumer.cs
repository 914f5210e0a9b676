using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Domain.Exports.Sets;

/// <summary>
/// Who reads curated sets from outside the set editor: a user (signed in, or with a personal token) or an
/// organisation (with an organisation token). <see cref="Clearance"/> is a cap the credential adds, such as a token's
/// clearance; the user's or organisation's own clearance and the set's ceiling always apply as well.
/// </summary>
public sealed record CuratedSetConsumer(string? UserId, Guid? OrganisationId, Tlp Clearance)
{
    /// <summary>A signed-in user: nothing caps them below their own clearance.</summary>
    public static CuratedSetConsumer User(string userId) => new(userId, null, Tlp.Red);
}
