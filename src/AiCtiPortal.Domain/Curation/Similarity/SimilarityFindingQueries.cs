using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>A finding as a reviewer sees it: with the names of the items it links, all of which they may read.</summary>
public sealed record SimilarityFindingView(
    SimilarityFinding Finding, string? SubjectLabel, string? OtherReportTitle, string? OtherIndicatorLabel);

/// <summary>What a reviewer may see of a submission's findings, and how many were held back.</summary>
public sealed record VisibleFindings(IReadOnlyList<SimilarityFindingView> Findings, int AboveClearance);

/// <summary>
/// Reads findings through the viewer's clearance. A finding pointing at an item the viewer may not read is not shown
/// at all (not even its score or explanation, which would say such an item exists and what it resembles); it is only
/// counted, so the reviewer knows to ask someone cleared higher.
/// </summary>
public static class SimilarityFindingQueries
{
    /// <summary>The findings of the submission's current version plus every decided one, visible to the viewer.</summary>
    public static async Task<VisibleFindings> ForReviewAsync(PortalDbContext db, Guid reportId, string? viewerId, Tlp clearance, CancellationToken ct)
    {
        var version = await db.Reports.Where(r => r.Id == reportId).Select(r => r.Version).SingleOrDefaultAsync(ct);
        var findings = await db.SimilarityFindings.AsNoTracking()
            .Where(f => f.ReportId == reportId && (f.ReportVersion == version || f.Status != SimilarityFindingStatus.Open))
            .OrderBy(f => f.Status).ThenByDescending(f => f.Score).ThenBy(f => f.Id)
            .ToListAsync(ct);
        return await VisibleToAsync(db, findings, viewerId, clearance, ct);
    }

    /// <summary>Open findings of the current version per report, for the review queue's column.</summary>
    public static IQueryable<SimilarityFinding> OpenOfCurrentVersion(PortalDbContext db) =>
        db.SimilarityFindings.Where(f => f.Status == SimilarityFindingStatus.Open
            && db.Reports.Any(r => r.Id == f.ReportId && r.Version == f.ReportVersion));

    internal static async Task<VisibleFindings> VisibleToAsync(PortalDbContext db, IReadOnlyList<SimilarityFinding> findings, string viewerId, CancellationToken ct) =>
        await VisibleToAsync(db, findings, viewerId, await Clearance.OfUserAsync(db, viewerId, ct), ct);

    public static async Task<VisibleFindings> VisibleToAsync(
        PortalDbContext db, IReadOnlyList<SimilarityFinding> findings, string? viewerId, Tlp clearance, CancellationToken ct)
    {
        var reportIds = findings.Select(f => f.ReportId).Concat(findings.Where(f => f.OtherReportId is not null).Select(f => f.OtherReportId!.Value)).Distinct().ToList();
        var indicatorIds = findings.SelectMany(f => new[] { f.OtherIndicatorId, f.SubjectIndicatorId }).OfType<Guid>().Distinct().ToList();
        var reports = await db.Reports.AsNoTracking().Where(r => reportIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Title, r.Tlp, r.Status, r.AuthorId }).ToDictionaryAsync(r => r.Id, ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Type, i.NormalizedValue, i.Tlp, i.Status, i.CreatedById }).ToDictionaryAsync(i => i.Id, ct);

        bool ReportVisible(Guid id, bool mustBePublished) => reports.TryGetValue(id, out var r) && r.Tlp <= clearance
            && (!mustBePublished || r.Status == ContentStatus.Published || r.AuthorId == viewerId);
        bool IndicatorVisible(Guid id) => indicators.TryGetValue(id, out var i) && i.Tlp <= clearance
            && (i.Status == ContentStatus.Published || i.CreatedById == viewerId);

        var shown = new List<SimilarityFindingView>();
        var hidden = 0;
        foreach (var finding in findings)
        {
            // An item that no longer exists hides nothing; one that exists above the clearance (or unpublished) does.
            var visible = ReportVisible(finding.ReportId, mustBePublished: false)
                && (finding.OtherReportId is not { } other || !reports.ContainsKey(other) || ReportVisible(other, mustBePublished: true))
                && (finding.OtherIndicatorId is not { } otherIndicator || !indicators.ContainsKey(otherIndicator) || IndicatorVisible(otherIndicator));
            if (!visible)
            {
                hidden++;
                continue;
            }

            string? Label(Guid? id) => id is { } key && indicators.TryGetValue(key, out var i)
                ? $"{IndicatorCatalogue.Describe(i.Type).DisplayName}: {i.NormalizedValue}" : null;
            shown.Add(new SimilarityFindingView(finding, Label(finding.SubjectIndicatorId),
                finding.OtherReportId is { } o && reports.TryGetValue(o, out var report) ? report.Title : null,
                Label(finding.OtherIndicatorId)));
        }

        return new VisibleFindings(shown, hidden);
    }
}
