using System.Diagnostics;
using AiCtiPortal.Domain.Data;

namespace AiCtiPortal.Benchmarks.Load;

/// <summary>
/// Issue 5, item 10: with 100,000 published reports and 1,000,000 indicators, on SQLite and on PostgreSQL, catalogue
/// search and the review queue answer within 200 ms at p95 server time under 20 concurrent users.
/// Seeds (or reuses) the catalogue, starts the real portal on Kestrel against it, runs the closed-loop load and
/// prints p50/p95/p99/max per request kind. Server time is the portal's Server-Timing header (pipeline entry to
/// response start, which covers the prerender's queries); client time is end to end on loopback, an upper bound.
/// On this 2-core machine the load generator, the portal and the database share the cores, so the figures are
/// pessimistic: queueing for a core shows up as server time.
/// </summary>
internal static class LoadBenchmark
{
    private const double TargetP95Ms = 200;

    public static async Task RunAsync(Arguments args, Summary summary)
    {
        var size = new CatalogueSize(args.Int("reports", 100_000), args.Int("indicators", 1_000_000));
        var users = args.Int("users", 20);
        var duration = TimeSpan.FromSeconds(args.Int("duration", 60));
        var warmUp = TimeSpan.FromSeconds(args.Int("warmup", 15));
        var think = TimeSpan.FromMilliseconds(args.Int("think-ms", 0));
        var providers = args.String("provider", "both").ToLowerInvariant() switch
        {
            "sqlite" => new[] { DatabaseProvider.Sqlite },
            "postgres" or "postgresql" => [DatabaseProvider.Postgres],
            "both" => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
            var other => throw new ArgumentException($"--provider {other}: expected sqlite, postgres or both."),
        };

        Console.WriteLine($"== Load: {size}; {users} users, closed loop, think {think.TotalMilliseconds:0} ms, " +
            $"warm-up {warmUp.TotalSeconds:0} s, measured {duration.TotalSeconds:0} s ==");
        Console.WriteLine($"machine: {Environment.ProcessorCount} core(s), load average {LoadAverage()} at start " +
            "(the portal, the database and this load generator share them)");
        foreach (var provider in providers)
        {
            await RunProviderAsync(provider, size, users, warmUp, duration, think, args.Flag("reseed"), summary);
        }
    }

    private static async Task RunProviderAsync(
        DatabaseProvider provider, CatalogueSize size, int users, TimeSpan warmUp, TimeSpan duration, TimeSpan think,
        bool reseed, Summary summary)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromHours(2));
        var ct = cancel.Token;
        Console.WriteLine();
        Console.WriteLine($"-- {provider} --");
        var database = await LoadDatabase.PrepareAsync(provider, size, reseed, ct);
        var samples = await database.SampleIndicatorsAsync(500, ct);

        var start = Stopwatch.GetTimestamp();
        await using var portal = await PortalHost.StartAsync(database, ct);
        Console.WriteLine($"portal up at {portal.BaseAddress} in {Stats.F(Stats.Milliseconds(start) / 1000, "0.0")} s (log: {portal.LogPath})");

        var run = new LoadRun(portal.BaseAddress, new RequestMix(samples), users, warmUp, duration, think);
        var simulated = run.CreateUsers();
        try
        {
            var cpuBefore = portal.CpuTime;
            await run.RunAsync(simulated, ct);
            var cpu = portal.CpuTime - cpuBefore;
            Console.WriteLine($"portal CPU {Stats.F(cpu.TotalSeconds, "0.0")} s over {Stats.F((warmUp + duration).TotalSeconds, "0")} s " +
                $"({Stats.F(cpu.TotalSeconds / (warmUp + duration).TotalSeconds, "0.00")} cores), working set {Stats.Mib(portal.WorkingSetBytes)}, " +
                $"load average {LoadAverage()}");
        }
        finally
        {
            foreach (var user in simulated)
            {
                user.Dispose();
            }
        }

        LoadResults.Print(provider, run.Samples.ToList(), duration, TargetP95Ms, summary);
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
