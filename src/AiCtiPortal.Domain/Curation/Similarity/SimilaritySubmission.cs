using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>What the checks read of a submission: its text and its indicators, at one version.</summary>
public sealed record SimilaritySubmission(
    Guid ReportId, int Version, ContentStatus Status, Guid? ProposalForId, string Title, string Summary, string Body,
    IReadOnlyList<SubmissionIndicator> Indicators)
{
    /// <summary>Reports a finding never points at: the submission itself and, for a proposal, the report it changes.</summary>
    public IReadOnlySet<Guid> OwnReports => ProposalForId is { } target ? new HashSet<Guid> { ReportId, target } : new HashSet<Guid> { ReportId };

    public IReadOnlySet<Guid> OwnIndicators => Indicators.Select(i => i.Id).ToHashSet();

    /// <summary>The submission as stored now, or null when the report no longer exists.</summary>
    public static async Task<SimilaritySubmission?> LoadAsync(Data.PortalDbContext db, Guid reportId, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().Where(r => r.Id == reportId)
            .Select(r => new { r.Id, r.Version, r.Status, r.ProposalForId, r.Title, r.Summary, r.BodyMarkdown })
            .SingleOrDefaultAsync(ct);
        if (report is null)
        {
            return null;
        }

        var indicators = await db.ReportIndicators.AsNoTracking().Where(l => l.ReportId == reportId)
            .Select(l => new SubmissionIndicator(l.IndicatorId, l.Indicator!.Type, l.Indicator.NormalizedValue, l.Indicator.ValueHash, l.Indicator.Status))
            .ToListAsync(ct);
        return new SimilaritySubmission(report.Id, report.Version, report.Status, report.ProposalForId, report.Title, report.Summary,
            report.BodyMarkdown, indicators);
    }
}

public sealed record SubmissionIndicator(Guid Id, IndicatorType Type, string NormalizedValue, string ValueHash, ContentStatus Status);
