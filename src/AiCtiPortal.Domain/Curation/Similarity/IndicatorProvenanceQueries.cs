using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>One duplicate merged into an indicator, as its detail page shows it.</summary>
public sealed record MergedDuplicateView(
    Guid MergedIndicatorId, string MergedValue, string SubmittedBy, DateTime SubmittedAt, Guid ReportId, string? ReportTitle,
    int ReportVersion, string MergedBy, DateTime MergedAt, SimilarityFindingKind Kind);

/// <summary>What was merged into an indicator and is visible to the viewer, plus how many merges were not shown.</summary>
public sealed record IndicatorProvenance(IReadOnlyList<MergedDuplicateView> Merged, int AboveClearance);

/// <summary>
/// The provenance of an indicator: the duplicates reviewers merged into it. A merged value is shown only to viewers
/// cleared for the duplicate's TLP (a near duplicate's value differs from the survivor's and may be more restricted);
/// the report it came from is named only when the viewer may read that report.
/// </summary>
public static class IndicatorProvenanceQueries
{
    public static async Task<IndicatorProvenance> ForIndicatorAsync(PortalDbContext db, Guid indicatorId, string? viewerId, Tlp clearance, CancellationToken ct)
    {
        var rows = await db.IndicatorMerges.AsNoTracking().Where(m => m.SurvivorIndicatorId == indicatorId)
            .OrderByDescending(m => m.MergedAt).ThenBy(m => m.Id)
            .Select(m => new
            {
                Merge = m,
                Tlp = db.Indicators.Where(i => i.Id == m.MergedIndicatorId).Select(i => (Tlp?)i.Tlp).FirstOrDefault(),
                Report = db.Reports.Where(r => r.Id == m.ReportId).Select(r => new { r.Title, r.Tlp, r.Status, r.AuthorId }).FirstOrDefault(),
                SubmittedBy = db.Users.Where(u => u.Id == m.SubmittedById).Select(u => u.DisplayName == "" ? u.UserName : u.DisplayName).FirstOrDefault(),
                MergedBy = db.Users.Where(u => u.Id == m.MergedById).Select(u => u.DisplayName == "" ? u.UserName : u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var shown = new List<MergedDuplicateView>();
        var hidden = 0;
        foreach (var row in rows)
        {
            if (row.Tlp is not { } tlp || (tlp > clearance && row.Merge.SubmittedById != viewerId))
            {
                hidden++;
                continue;
            }

            var reportVisible = row.Report is { } report && report.Tlp <= clearance
                && (report.Status is ContentStatus.Published || report.AuthorId == viewerId);
            shown.Add(new MergedDuplicateView(row.Merge.MergedIndicatorId, row.Merge.MergedValue, row.SubmittedBy ?? "a former account",
                row.Merge.SubmittedAt, row.Merge.ReportId, reportVisible ? row.Report!.Title : null, row.Merge.ReportVersion,
                row.MergedBy ?? "a former account", row.Merge.MergedAt, row.Merge.FindingKind));
        }

        return new IndicatorProvenance(shown, hidden);
    }
}
