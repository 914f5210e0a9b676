using AiCtiPortal.Domain.Jobs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// Computes the similarity findings of one submission version and records the outcome on its JobRun row. Runs do
/// not overlap: two checks of one report would each replace the other's Open findings, and a check takes well under
/// the two seconds of the performance target, so a queue costs little.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SimilarityCheckJob(SimilarityCheckService checks, JobRunRecorder runs, ILogger<SimilarityCheckJob> logger)
    : ReportCheckJob(runs, logger)
{
    public const string Name = "similarity-check";

    protected override string Title => "Similarity check";

    protected override string Unchanged => "no findings were changed";

    protected override string AfterInterruption => "It runs again on the next submission.";

    protected override async Task<string> CheckAsync(Guid reportId, int version, IProgress<int> progress, CancellationToken ct) =>
        (await checks.RunAsync(reportId, version, progress, ct)).Message;
}
