using System.Diagnostics;

namespace AiCtiPortal.Benchmarks.Exports;

/// <summary>
/// The process's peak resident set over one measured section. Linux keeps a high-water mark (VmHWM, which
/// Process.PeakWorkingSet64 reads); writing 5 to /proc/self/clear_refs resets it to the current resident set, so the
/// mark afterwards belongs to the section, not to seeding or copying done before it in the same process.
/// </summary>
internal static class PeakMemory
{
    /// <summary>False where the mark cannot be reset (not Linux, or not permitted): the peak then counts from process start.</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }
}

/// <summary>Samples the managed heap's size on a timer and keeps the largest value seen.</summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly Timer _timer;
    private long _max;

    public HeapSampler(TimeSpan interval) =>
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, interval);

    public long Max
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _max);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var bytes = Math.Max(GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().HeapSizeBytes);
        long seen;
        while (bytes > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, bytes, seen) != seen)
        {
        }
    }
}
