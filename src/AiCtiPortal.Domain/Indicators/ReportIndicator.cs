using AiCtiPortal.Domain.Reports;

namespace AiCtiPortal.Domain.Indicators;

/// <summary>Links an indicator to a report that documents it (many-to-many: one indicator, several reports).</summary>
public class ReportIndicator
{
    public Guid ReportId { get; set; }

    public ThreatReport? Report { get; set; }

    public Guid IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }
}
