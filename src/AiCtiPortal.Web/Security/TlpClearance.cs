using System.Security.Claims;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Web.Security;

/// <summary>
/// The one place that decides what a viewer may read. Published items are visible up to the viewer's TLP clearance;
/// authors always see their own items, whatever their state. Anonymous visitors see published TLP:CLEAR only. The
/// clearance itself is <see cref="Clearance"/>'s rule, shared with the domain's checks.
/// </summary>
public static class TlpClearance
{
    public static async Task<Viewer> ResolveAsync(ClaimsPrincipal principal, PortalDbContext db, CancellationToken ct)
    {
        var userId = principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (userId is null)
        {
            return Viewer.Anonymous;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return new Viewer(userId, Clearance.Grant(roles, await Clearance.OfOrganisationsAsync(db, userId, ct)));
    }

    /// <summary>
    /// Catalogue items the viewer may read. Proposed changes are never catalogue items (they are not published, and
    /// their proposers reach them through the editor, My submissions and <see cref="ProposalOf"/>).
    /// </summary>
    public static IQueryable<ThreatReport> VisibleTo(this IQueryable<ThreatReport> reports, Viewer viewer)
    {
        var ceiling = viewer.Clearance;
        var userId = viewer.UserId;
        return userId is null
            ? reports.Where(r => r.Status == ContentStatus.Published && r.Tlp <= ceiling)
            : reports.Where(r => (r.Status == ContentStatus.Published && r.Tlp <= ceiling) || (r.AuthorId == userId && r.ProposalForId == null));
    }

    /// <summary>The viewer's own proposed changes: only their proposer reads a proposal outside the review pages.</summary>
    public static IQueryable<ThreatReport> ProposalOf(this IQueryable<ThreatReport> reports, Viewer viewer)
    {
        var userId = viewer.UserId;
        return userId is null ? reports.Where(_ => false) : reports.Where(r => r.ProposalForId != null && r.AuthorId == userId);
    }

    public static IQueryable<Indicator> VisibleTo(this IQueryable<Indicator> indicators, Viewer viewer)
    {
        var ceiling = viewer.Clearance;
        var userId = viewer.UserId;
        return userId is null
            ? indicators.Where(i => i.Status == ContentStatus.Published && i.Tlp <= ceiling)
            : indicators.Where(i => (i.Status == ContentStatus.Published && i.Tlp <= ceiling) || i.CreatedById == userId);
    }
}
