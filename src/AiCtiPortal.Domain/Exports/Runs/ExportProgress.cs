using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>
/// Turns items written into a percentage of <see cref="Total"/> (counted up front) and passes each new percentage to
/// the caller's progress (the JobRun) and to the run's row. The row is written by a background loop that only keeps
/// the latest value, so a slow write never holds up the export.
/// </summary>
internal sealed class ExportProgress : IAsyncDisposable
{
    private readonly Channel<int> _latest = Channel.CreateBounded<int>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly IProgress<int>? _outer;
    private readonly Task _writer;
    private long _done;
    private int _reported = -1;

    public ExportProgress(IProgress<int>? outer, Func<int, Task> write, ILogger logger)
    {
        _outer = outer;
        _writer = WriteAsync(write, logger);
    }

    public long Total { get; set; }

    public void Advance(long items = 1)
    {
        _done += items;

        // 99 at most until the package is published: 100 means done, and the row says so only then.
        var percent = Total <= 0 ? 99 : (int)Math.Min(99, _done * 100 / Total);
        if (percent == _reported)
        {
            return;
        }

        _reported = percent;
        _outer?.Report(percent);
        _latest.Writer.TryWrite(percent);
    }

    public async ValueTask DisposeAsync()
    {
        _latest.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync(Func<int, Task> write, ILogger logger)
    {
        await foreach (var percent in _latest.Reader.ReadAllAsync())
        {
            try
            {
                await write(percent);
            }
            catch (Exception ex)
            {
                // Progress is a courtesy; the outcome is recorded separately.
                logger.LogWarning(ex, "Could not record export progress {Percent}%", percent);
            }
        }
    }
}
