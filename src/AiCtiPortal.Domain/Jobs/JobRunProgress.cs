using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// Progress from a running job to its JobRun row (and Quartz's own progress view). Reports only set the latest
/// value; a background loop writes it. The job never waits on that write: the ATLAS import reports progress from
/// inside its own transaction, and on SQLite a synchronous write there would wait for the very lock it holds.
/// </summary>
internal sealed class JobRunProgress : IProgress<int>, IAsyncDisposable
{
    private readonly Channel<int> _latest = Channel.CreateBounded<int>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly IJobExecutionContext _context;
    private readonly Task _writer;

    public JobRunProgress(IJobExecutionContext context, JobRunRecorder runs, Guid runId, ILogger logger)
    {
        _context = context;
        _writer = WriteAsync(runs, runId, logger);
    }

    public void Report(int value)
    {
        _context.ReportProgress(value, null);
        _latest.Writer.TryWrite(value);
    }

    /// <summary>Waits for the last reported value to be written. A write that comes after the run finished is ignored (JobRunRecorder).</summary>
    public async ValueTask DisposeAsync()
    {
        _latest.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync(JobRunRecorder runs, Guid runId, ILogger logger)
    {
        await foreach (var percent in _latest.Reader.ReadAllAsync())
        {
            try
            {
                await runs.ProgressAsync(runId, percent, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Progress is a courtesy; the run's outcome is recorded separately.
                logger.LogWarning(ex, "Could not record progress {Percent}% of job run {RunId}", percent, runId);
            }
        }
    }
}
