using AiCtiPortal.Domain.Data;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>The per-kind table of a load run and its PASS/FAIL rows against the p95 target.</summary>
internal static class LoadResults
{
    public static void Print(DatabaseProvider provider, List<Sample> samples, TimeSpan duration, double targetMs, Summary summary)
    {
        Console.WriteLine($"{"",-24} {"requests",8} {"errors",6} {"rows",5} {"p50 ms",7} {"p95 ms",7} {"p99 ms",7} {"max ms",7} {"client p95",10}");
        foreach (var kind in samples.Select(s => s.Kind).Distinct().Order(StringComparer.Ordinal))
        {
            PrintRow(kind, samples.Where(s => s.Kind == kind).ToList());
        }

        PrintRow("all", samples);
        var errors = samples.Count(s => !s.Ok);
        Console.WriteLine($"throughput {Stats.F(samples.Count / duration.TotalSeconds, "0.0")} requests/s; " +
            $"{errors} errors; server time missing on {samples.Count(s => double.IsNaN(s.ServerMs))} responses");

        var catalogue = samples.Where(s => RequestMix.CatalogueKinds.Contains(s.Kind)).ToList();
        var queue = samples.Where(s => s.Kind == RequestMix.ReviewQueue).ToList();
        AddTarget(summary, $"{provider}: catalogue search p95 server time ≤ {targetMs:0} ms", catalogue, targetMs);
        AddTarget(summary, $"{provider}: review queue p95 server time ≤ {targetMs:0} ms", queue, targetMs);
        summary.Add($"{provider}: no failed requests", $"{errors} of {samples.Count}", errors == 0 && samples.Count > 0);
    }

    private static void PrintRow(string kind, List<Sample> rows)
    {
        var server = ServerTimes(rows);
        var client = rows.Select(s => s.ClientMs).ToList();
        var meanRows = rows.Count == 0 ? 0 : rows.Average(s => s.Rows);
        Console.WriteLine($"{kind,-24} {rows.Count,8} {rows.Count(s => !s.Ok),6} {Stats.F(meanRows, "0.0"),5} " +
            $"{Stats.F(Stats.Percentile(server, 0.50), "0.0"),7} {Stats.F(Stats.Percentile(server, 0.95), "0.0"),7} " +
            $"{Stats.F(Stats.Percentile(server, 0.99), "0.0"),7} {Stats.F(server.Count == 0 ? double.NaN : server.Max(), "0.0"),7} " +
            $"{Stats.F(Stats.Percentile(client, 0.95), "0.0"),10}");
    }

    private static void AddTarget(Summary summary, string target, List<Sample> rows, double targetMs)
    {
        var p95 = Stats.Percentile(ServerTimes(rows), 0.95);
        summary.Add(target, rows.Count == 0 ? "no requests" : $"p95 {Stats.F(p95, "0.0")} ms over {rows.Count} requests",
            rows.Count == 0 ? null : p95 <= targetMs);
    }

    /// <summary>Server times; a response without the header (a failed connection) counts with its client time.</summary>
    private static List<double> ServerTimes(List<Sample> rows) =>
        rows.Select(s => double.IsNaN(s.ServerMs) ? s.ClientMs : s.ServerMs).ToList();
}
