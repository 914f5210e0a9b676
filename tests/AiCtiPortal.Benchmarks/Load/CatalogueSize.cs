namespace AiCtiPortal.Benchmarks.Load;

/// <summary>
/// How big the seeded catalogue is. The published reports and the indicators are the figures; the rest
/// scales with them: a review queue of about 3 % of the catalogue (3,000 at full size), a few drafts, changes
/// requested and rejections, and one author per 200 reports.
/// </summary>
internal sealed record CatalogueSize(int PublishedReports, int Indicators)
{
    public int QueueReports => Math.Max(50, PublishedReports * 3 / 100);

    public int OtherReports => Math.Max(20, PublishedReports / 50);

    public int TotalReports => PublishedReports + QueueReports + OtherReports;

    public int Authors => Math.Clamp(PublishedReports / 200, 20, 500);

    public override string ToString() =>
        $"{PublishedReports:N0} published reports (+{QueueReports:N0} in review, +{OtherReports:N0} other), {Indicators:N0} indicators, {Authors:N0} authors";
}
