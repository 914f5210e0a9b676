namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>The nightly re-check of the published catalogue (configuration section <see cref="SectionName"/>).</summary>
public sealed class QualityRecheckOptions
{
    public const string SectionName = "Curation:QualityRecheck";

    /// <summary>Quartz cron expression (seconds first), in UTC. Default: every night at 02:30.</summary>
    public string Schedule { get; set; } = "0 30 2 * * ?";

    /// <summary>False leaves the job registered (curators still see its history) but gives it no schedule.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Indicators read, assessed and written per transaction: memory stays flat whatever the catalogue's size.</summary>
    public int IndicatorBatchSize { get; set; } = 5000;

    /// <summary>Reports per transaction; smaller, since a report carries its Markdown body.</summary>
    public int ReportBatchSize { get; set; } = 250;
}
