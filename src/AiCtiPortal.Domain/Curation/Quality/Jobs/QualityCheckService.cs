using AiCtiPortal.Domain.Curation.Quality.Storage;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// The quality check of one submission version: the report and every indicator linked to it are assessed and their
/// scores and reasons stored, replacing the previous ones. Indicators are judged against the published rows that
/// share their value (contradictory verdicts); their confidence is left alone (decay is for the published
/// catalogue, in the nightly re-check).
/// </summary>
public sealed class QualityCheckService(IDbContextFactory<PortalDbContext> contexts, QualityAssessorFactory assessors, TimeProvider time)
{
    public async Task<QualityCheckOutcome> RunAsync(Guid reportId, int version, IProgress<int>? progress, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var report = await db.Reports.AsNoTracking().AsSplitQuery()
            .Include(r => r.References).Include(r => r.Techniques).Include(r => r.Indicators).ThenInclude(l => l.Indicator)
            .SingleOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null)
        {
            return QualityCheckOutcome.ReportMissing(reportId);
        }

        if (report.Version != version)
        {
            return QualityCheckOutcome.VersionChanged(reportId, version, report.Version);
        }

        progress?.Report(20);
        var assessor = await assessors.CreateAsync(db, ct);
        var indicators = report.Indicators.Select(l => l.Indicator).OfType<Indicator>().ToList();
        var claims = await ClaimLoader.LoadAsync(db, indicators.Select(i => (i.Type, i.ValueHash)), ct);
        progress?.Report(60);

        var reportAssessment = assessor.Assess(ReportQualityInput.From(report));
        var results = new List<QualityResult>(indicators.Count + 1)
        {
            new(QualityItemKind.Report, report.Id, report.ConcurrencyStamp, reportAssessment, report.QualityScore != reportAssessment.Score),
        };
        foreach (var indicator in indicators)
        {
            var assessment = assessor.Assess(IndicatorQualityInput.From(indicator), ClaimLoader.For(claims, indicator.Type, indicator.ValueHash));
            results.Add(new QualityResult(
                QualityItemKind.Indicator, indicator.Id, indicator.ConcurrencyStamp, assessment, indicator.QualityScore != assessment.Score,
                new IndicatorConfidenceColumns(indicator.Confidence, indicator.SubmittedConfidence, indicator.DecayedConfidence)));
        }

        var written = await QualityResultWriter.WriteAsync(db, results, time.GetUtcNow().UtcDateTime, ct);
        progress?.Report(100);
        return QualityCheckOutcome.Completed(reportId, version, reportAssessment.Score, indicators.Count, written.Skipped);
    }
}
