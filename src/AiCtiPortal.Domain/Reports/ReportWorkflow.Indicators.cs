using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Reports;

public sealed partial class ReportWorkflow
{
    /// <summary>
    /// Makes the report's indicator links match the draft's rows. A draft may hold values that do not validate yet
    /// (kept as typed so nothing is lost); submission refuses them. Published indicators are never edited here: a row
    /// that changes one is linked as a new indicator instead.
    /// </summary>
    private static async Task SyncIndicatorsAsync(PortalDbContext db, ThreatReport report, ReportDraft draft, DateTime now, CancellationToken ct)
    {
        var kept = new HashSet<Guid>();
        foreach (var row in draft.Indicators.Where(r => !string.IsNullOrWhiteSpace(r.Value)))
        {
            var link = row.Id is { } id ? report.Indicators.FirstOrDefault(l => l.IndicatorId == id) : null;
            var existing = link?.Indicator;
            if (existing is not null && (existing.Status != ContentStatus.Published || Same(existing, row)))
            {
                if (existing.Status != ContentStatus.Published)
                {
                    Fill(existing, row, report, now);
                }

                kept.Add(existing.Id);
                continue;
            }

            var indicator = new Indicator { CreatedById = report.AuthorId, CreatedAt = now, Status = ContentStatus.Draft };
            Fill(indicator, row, report, now);
            db.Indicators.Add(indicator);
            var newLink = new ReportIndicator { ReportId = report.Id, IndicatorId = indicator.Id, Indicator = indicator };
            db.ReportIndicators.Add(newLink);
            report.Indicators.Add(newLink);
            row.Id = indicator.Id;
            kept.Add(indicator.Id);
        }

        foreach (var link in report.Indicators.Where(l => !kept.Contains(l.IndicatorId)).ToList())
        {
            report.Indicators.Remove(link);
            db.ReportIndicators.Remove(link);
            var orphan = link.Indicator is { Status: not ContentStatus.Published }
                && !await db.ReportIndicators.AnyAsync(l => l.IndicatorId == link.IndicatorId && l.ReportId != report.Id, ct);
            if (orphan)
            {
                db.Indicators.Remove(link.Indicator!);
            }
        }
    }

    private static bool Same(Indicator indicator, DraftIndicator row) =>
        indicator.Type == row.Type && indicator.Value == row.Value.Trim();

    private static void Fill(Indicator indicator, DraftIndicator row, ThreatReport report, DateTime now)
    {
        var value = row.Value.Trim();
        var normalized = IndicatorCatalogue.Validate(row.Type, value).NormalizedValue ?? value;
        indicator.Type = row.Type;
        indicator.Value = value;
        indicator.NormalizedValue = normalized;
        indicator.ValueHash = IndicatorCatalogue.ValueHash(row.Type, normalized);
        indicator.Description = string.IsNullOrWhiteSpace(row.Description) ? null : row.Description.Trim();
        indicator.Phases = report.Phases;
        indicator.Tlp = report.Tlp;
        indicator.Confidence = report.Confidence;
        indicator.UpdatedAt = now;
    }
}
