using AiCtiPortal.Domain.Jobs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// Scores one submission version (report and indicators) and records the outcome on its JobRun row. Runs do not
/// overlap: a check takes milliseconds, and two checks of one report would race to replace the same rows.
/// </summary>
[DisallowConcurrentExecution]
public sealed class QualityCheckJob(QualityCheckService checks, JobRunRecorder runs, ILogger<QualityCheckJob> logger)
    : ReportCheckJob(runs, logger)
{
    public const string Name = "quality-check";

    protected override string Title => "Quality check";

    protected override string Unchanged => "no scores were changed";

    protected override string AfterInterruption => "The nightly re-check covers published items.";

    protected override async Task<string> CheckAsync(Guid reportId, int version, IProgress<int> progress, CancellationToken ct) =>
        (await checks.RunAsync(reportId, version, progress, ct)).Message;
}
