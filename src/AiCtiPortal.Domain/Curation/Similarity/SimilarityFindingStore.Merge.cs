using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>Merging a confirmed duplicate indicator into the published one it duplicates.</summary>
public sealed partial class SimilarityFindingStore
{
    public const string IndicatorAuditEntity = "Indicator";

    /// <summary>Findings that pair one of the submission's indicators with one published indicator.</summary>
    public static bool IsMergeable(SimilarityFinding finding) =>
        finding is { Kind: SimilarityFindingKind.ExactDuplicateIndicator or SimilarityFindingKind.NearDuplicateArtifact, IsCommonValue: false,
            SubjectIndicatorId: not null, OtherIndicatorId: not null };

    /// <summary>
    /// The report links the survivor instead of the duplicate, the duplicate becomes Merged (kept, never deleted), the
    /// provenance row and audit entries are added, and the submission's other Open findings about the same indicator
    /// are closed as superseded. Everything joins the caller's transaction and save.
    /// </summary>
    private static async Task<IndicatorMerge> MergeAsync(PortalDbContext db, SimilarityFinding finding, ThreatReport report, string reviewerId, DateTime now, CancellationToken ct)
    {
        var duplicate = await db.Indicators.SingleOrDefaultAsync(i => i.Id == finding.SubjectIndicatorId, ct)
            ?? throw new WorkflowRuleException("The submission's indicator of this finding no longer exists; reload the page.");
        var survivor = await db.Indicators.SingleOrDefaultAsync(i => i.Id == finding.OtherIndicatorId, ct)
            ?? throw new WorkflowRuleException("The published indicator this finding points at no longer exists; dismiss the finding instead.");
        if (survivor.Status != ContentStatus.Published)
        {
            throw new WorkflowRuleException("The indicator this finding points at is no longer published, so nothing can be merged into it; dismiss the finding instead.");
        }

        if (duplicate.Status is ContentStatus.Published or ContentStatus.Merged)
        {
            throw new WorkflowRuleException(duplicate.Status == ContentStatus.Merged
                ? "The submission's indicator was already merged into a published one."
                : "The submission's indicator is itself published; merging two published indicators is a curator's task, not a review decision.");
        }

        var links = await db.ReportIndicators.Where(l => l.IndicatorId == duplicate.Id).ToListAsync(ct);
        if (!links.Any(l => l.ReportId == report.Id))
        {
            throw new WorkflowConflictException("The submission no longer links this indicator; reload the page to see its current indicators.");
        }

        // Every report that linked the duplicate now links the survivor (once), so no link points at a retired row.
        var linkedToSurvivor = await db.ReportIndicators.Where(l => l.IndicatorId == survivor.Id).Select(l => l.ReportId).ToListAsync(ct);
        foreach (var link in links)
        {
            db.ReportIndicators.Remove(link);
            if (!linkedToSurvivor.Contains(link.ReportId))
            {
                db.ReportIndicators.Add(new ReportIndicator { ReportId = link.ReportId, IndicatorId = survivor.Id });
            }
        }

        duplicate.Status = ContentStatus.Merged;
        duplicate.UpdatedAt = now;
        duplicate.ConcurrencyStamp = Guid.NewGuid();

        // The report's content (its indicator list) changed: an editor holding the old stamp must reload.
        report.ConcurrencyStamp = Guid.NewGuid();
        report.UpdatedAt = now;

        var merge = new IndicatorMerge
        {
            SurvivorIndicatorId = survivor.Id, MergedIndicatorId = duplicate.Id, ReportId = report.Id, ReportVersion = report.Version,
            FindingId = finding.Id, FindingKind = finding.Kind, MergedType = duplicate.Type, MergedValue = duplicate.Value,
            SubmittedById = duplicate.CreatedById, SubmittedAt = duplicate.CreatedAt, MergedById = reviewerId, MergedAt = now,
        };
        db.IndicatorMerges.Add(merge);

        var provenance = new { MergedIndicatorId = duplicate.Id, IntoIndicatorId = survivor.Id, FromReportId = report.Id, FromReportVersion = report.Version,
            SubmittedBy = duplicate.CreatedById, duplicate.CreatedAt, Value = duplicate.Value, FindingId = finding.Id, finding.Kind };
        db.AuditEntries.Add(AuditTrail.Entry(IndicatorAuditEntity, survivor.Id.ToString(), "Indicator.MergeDuplicate", reviewerId, now, null, provenance));
        db.AuditEntries.Add(AuditTrail.Entry(IndicatorAuditEntity, duplicate.Id.ToString(), "Indicator.MergedInto", reviewerId, now,
            new { Status = ContentStatus.InReview }, new { Status = ContentStatus.Merged, IntoIndicatorId = survivor.Id, FindingId = finding.Id }));

        var superseded = await db.SimilarityFindings
            .Where(f => f.ReportId == report.Id && f.Id != finding.Id && f.SubjectIndicatorId == duplicate.Id && f.Status == SimilarityFindingStatus.Open)
            .ToListAsync(ct);
        foreach (var other in superseded)
        {
            other.Status = SimilarityFindingStatus.Dismissed;
            other.DecidedById = reviewerId;
            other.DecidedAt = now;
            other.DecisionReason = "Superseded: the indicator was merged into another published indicator by a confirmed finding.";
        }

        return merge;
    }
}
