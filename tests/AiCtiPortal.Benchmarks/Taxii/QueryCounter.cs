using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiCtiPortal.Benchmarks.Taxii;

/// <summary>
/// Counts the SQL commands EF Core executes, from its DiagnosticListener events, so the portal's own registration
/// of the context is measured unchanged (no interceptor has to be added to it).
/// </summary>
internal sealed class QueryCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private readonly Dictionary<string, (int Count, double TotalMs, double MaxMs)> _byText = new(StringComparer.Ordinal);
    private int _count;

    public QueryCounter() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_listeners)
            {
                _listeners.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name)
        {
            Interlocked.Increment(ref _count);
        }
        else if (value.Key == RelationalEventId.DataReaderDisposing.Name && value.Value is DataReaderDisposingEventData read)
        {
            // A query's time runs until its reader is disposed: CommandExecuted fires when the first row is ready,
            // which leaves out reading the rest of the page.
            Record(read.Command.CommandText, read.Duration.TotalMilliseconds);
        }
        else if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed
            && executed.Result is not System.Data.Common.DbDataReader)
        {
            Record(executed.Command.CommandText, executed.Duration.TotalMilliseconds);
        }
    }

    private void Record(string sql, double ms)
    {
        lock (_byText)
        {
            var seen = _byText.GetValueOrDefault(sql);
            _byText[sql] = (seen.Count + 1, seen.TotalMs + ms, Math.Max(seen.MaxMs, ms));
        }
    }

    /// <summary>
    /// The commands that took longest in total (until the reader is consumed, for a query), so a regression in a
    /// query's plan shows up by name.
    /// </summary>
    public void PrintSlowest(int count)
    {
        List<KeyValuePair<string, (int Count, double TotalMs, double MaxMs)>> slowest;
        lock (_byText)
        {
            slowest = _byText.OrderByDescending(c => c.Value.TotalMs).Take(count).ToList();
        }

        foreach (var (sql, (times, total, max)) in slowest)
        {
            var oneLine = string.Join(' ', sql.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
            Console.WriteLine($"  slow command: {times} x, mean {Stats.F(total / times, "0.0")} ms, max {Stats.F(max, "0.0")} ms: " +
                oneLine[..Math.Min(400, oneLine.Length)]);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners)
        {
            _listeners.ForEach(l => l.Dispose());
        }
    }
}
