using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.Security;

/// <summary>Who is looking, reduced to what visibility needs: their id (for their own drafts) and TLP ceiling.</summary>
public sealed record Viewer(string? UserId, Tlp Clearance)
{
    public static Viewer Anonymous { get; } = new(null, Tlp.Clear);

    public bool IsSignedIn => UserId is not null;
}
