using System.Diagnostics;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Benchmarks.Exports;

/// <summary>
/// Issue 7 item 8: a full STIX export of 1,000,000 indicators streams at 50,000 objects/s or more with peak memory
/// of 300 MB or less. On a private copy of the load benchmark's cached catalogue (see <see cref="ScratchCatalogue"/>),
/// a curated set without filters at TLP:RED (everything published) is exported by the portal's own
/// <see cref="ExportBuilder"/>, exactly as the export job runs it: counts, CuratedSetResolver's streams, the
/// StixBundleWriter, the ExportPackage with its manifest and atomic publication, and the run's progress rows.
/// Memory is the process's peak resident set over the export alone (the kernel's high-water mark is reset just
/// before it) and the largest managed heap seen by a 50 ms sampler.
/// </summary>
internal static class StixExportBenchmark
{
    private const double TargetObjectsPerSecond = 50_000;
    private const long TargetPeakBytes = 300L * 1024 * 1024;

    public static async Task RunAsync(Arguments arguments, Summary summary)
    {
        var size = ScratchCatalogue.Size(arguments);
        Console.WriteLine($"== Full STIX export: {size} ==");
        foreach (var provider in ScratchCatalogue.Providers(arguments))
        {
            await RunProviderAsync(provider, size, summary);
        }
    }

    private static async Task RunProviderAsync(DatabaseProvider provider, Load.CatalogueSize size, Summary summary)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromHours(1));
        var ct = cancel.Token;
        Console.WriteLine();
        Console.WriteLine($"-- {provider} --");
        await using var catalogue = await ScratchCatalogue.CopyAsync(provider, size, ct);
        await using var services = catalogue.Services();
        var runId = await QueueFullExportAsync(services, ct);
        var builder = services.GetRequiredService<ExportBuilder>();

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var resetPeak = PeakMemory.Reset();
        using var heap = new HeapSampler(TimeSpan.FromMilliseconds(50));
        using var commands = new Taxii.QueryCounter();
        var start = Stopwatch.GetTimestamp();
        var run = await builder.BuildAsync(runId, progress: null, ct);
        var seconds = Stats.Milliseconds(start) / 1000;
        var peak = PeakMemory.ResidentBytes();
        var load = ScratchCatalogue.LoadAverage();

        var rate = run.ObjectCount / seconds;
        Console.WriteLine($"{provider}: {commands.Count:N0} SQL commands");
        commands.PrintSlowest(3);
        Console.WriteLine($"{provider}: {run.Status}: {run.IndicatorCount:N0} indicators, {run.ReportCount:N0} reports, {run.ObjectCount:N0} STIX objects, " +
            $"{Stats.Mib(run.TotalBytes)} in {Stats.F(seconds, "0.0")} s = {rate:N0} objects/s; peak resident {Stats.Mib(peak)}" +
            $"{(resetPeak ? "" : " (since process start: the high-water mark could not be reset)")}, largest managed heap {Stats.Mib(heap.Max)}; " +
            $"load average {load}");
        summary.Add($"Full STIX export ({provider}, {run.IndicatorCount:N0} indicators) >= {TargetObjectsPerSecond:N0} objects/s (load {load})",
            $"{rate:N0} objects/s", run.Status == ExportRunStatus.Succeeded && rate >= TargetObjectsPerSecond);
        summary.Add($"Full STIX export ({provider}) peak memory <= {Stats.Mib(TargetPeakBytes)}",
            $"{Stats.Mib(peak)} resident, {Stats.Mib(heap.Max)} heap", peak <= TargetPeakBytes);
    }

    /// <summary>A set of everything published (TLP:RED ceiling, no filters, no readers) and a queued full STIX run of it.</summary>
    private static async Task<Guid> QueueFullExportAsync(ServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var set = new CuratedSet { Name = "Full export benchmark", TlpCeiling = Tlp.Red, CreatedById = "benchmark", UpdatedById = "benchmark" };
        var run = new ExportRun { CuratedSetId = set.Id, Format = ExportFormat.StixBundle, Kind = ExportKind.Full, RequestedBy = "benchmark" };
        db.CuratedSets.Add(set);
        db.ExportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }
}
