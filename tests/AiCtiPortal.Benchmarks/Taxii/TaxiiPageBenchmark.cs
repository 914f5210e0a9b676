using System.Diagnostics;
using System.Text.Json;
using AiCtiPortal.Benchmarks.Exports;
using AiCtiPortal.Benchmarks.Load;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Exports.Taxii;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Benchmarks.Taxii;

/// <summary>
/// Issue 7 item 8: a TAXII page of 1,000 objects in at most 150 ms with a constant number of database queries. On a
/// private copy of the load benchmark's cached catalogue (1,000,000 indicators, 100,000 published reports; see
/// <see cref="ScratchCatalogue"/>), on SQLite and PostgreSQL, one curated set without filters is read by the load's
/// AMBER consumer organisation. The copy is read once first (<see cref="ScratchCatalogue.WarmAsync"/>), so its pages are
/// in the operating system's cache as on a serving portal, not on disk as right after the copy. Pages are walked from the start and from added_after at a quarter, half and three
/// quarters of the indicators' timeline, so pages from all over the collection are timed, with the server's own
/// <see cref="TaxiiObjectSource"/> (queries and the JSON envelope), counting each page's SQL commands.
/// </summary>
internal static class TaxiiPageBenchmark
{
    private const int PageSize = 1000;
    private const double TargetMs = 150;

    public static async Task RunAsync(Arguments arguments, Summary summary)
    {
        var size = ScratchCatalogue.Size(arguments);
        var pages = arguments.Int("taxii-pages", 25);
        Console.WriteLine($"== TAXII pages of {PageSize}: {size}; {pages} pages from each of 4 starting points ==");
        foreach (var provider in ScratchCatalogue.Providers(arguments))
        {
            await RunProviderAsync(provider, size, pages, arguments.Int("slowest", 3), summary);
        }
    }

    private static async Task RunProviderAsync(DatabaseProvider provider, CatalogueSize size, int pagesPerStart, int slowest, Summary summary)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromHours(1));
        var ct = cancel.Token;
        Console.WriteLine();
        Console.WriteLine($"-- {provider} --");
        await using var catalogue = await ScratchCatalogue.CopyAsync(provider, size, ct);
        await using var services = catalogue.Services();
        var (setId, organisationId) = await CreateSetAsync(services, ct);
        var scope = await services.GetRequiredService<TaxiiCollections>()
            .ScopeAsync(new CuratedSetConsumer(null, organisationId, Tlp.Amber), setId, ct)
            ?? throw new InvalidOperationException("The load's consumer organisation cannot read the benchmark's set.");
        var source = services.GetRequiredService<TaxiiObjectSource>();
        var starts = await StartingPointsAsync(services, ct);

        using var counter = new QueryCounter();
        for (var i = 0; i < 3; i++)
        {
            await PageAsync(source, scope, TaxiiFilter.Everything with { Limit = PageSize }); // warm-up: compilation, pool, cache
        }

        // A fresh copy may still be on disk (PostgreSQL's template copy, for one); a serving portal has its pages cached.
        var warmStart = Stopwatch.GetTimestamp();
        var bytes = await catalogue.WarmAsync(ct);
        Console.WriteLine($"{provider}: read {bytes / 1e9:0.00} GB through the OS cache in {Stats.F(Stats.Milliseconds(warmStart) / 1000, "0.0")} s");
        var walk = await WalkAsync(source, scope, starts, pagesPerStart, counter);
        var p50 = Stats.Median(walk.Times);
        var p95 = Stats.Percentile(walk.Times, 0.95);
        var load = ScratchCatalogue.LoadAverage();
        Console.WriteLine($"{provider}: {walk.Objects:N0} objects in {walk.Times.Count} pages: p50 {Stats.F(p50, "0.0")} ms, p95 {Stats.F(p95, "0.0")} ms, " +
            $"max {Stats.F(walk.Times.Max(), "0.0")} ms (the very first page, no added_after: {Stats.F(walk.Times[0], "0.0")} ms); " +
            $"queries per page {walk.Queries.Min()}-{walk.Queries.Max()}; load average {load}");
        counter.PrintSlowest(slowest);
        summary.Add($"TAXII page of {PageSize} ({provider}, {size.Indicators:N0} indicators) p95 <= {TargetMs} ms (load {load})",
            $"p50 {Stats.F(p50, "0.0")} / p95 {Stats.F(p95, "0.0")} ms", p95 <= TargetMs);
        summary.Add($"TAXII queries per page constant ({provider})", $"{walk.Queries.Min()}-{walk.Queries.Max()}", walk.Queries.Min() == walk.Queries.Max());
    }

    private sealed record Walk(List<double> Times, List<int> Queries, long Objects);

    /// <summary>Pages from each starting point onwards, each timed and its SQL commands counted.</summary>
    private static async Task<Walk> WalkAsync(
        TaxiiObjectSource source, CuratedSetScope scope, List<DateTime?> starts, int pagesPerStart, QueryCounter counter)
    {
        var times = new List<double>();
        var queries = new List<int>();
        var objects = 0L;
        foreach (var addedAfter in starts)
        {
            var filter = TaxiiFilter.Everything with { Limit = PageSize, AddedAfter = addedAfter };
            for (var page = 0; page < pagesPerStart; page++)
            {
                counter.Reset();
                var pageStart = Stopwatch.GetTimestamp();
                var (count, next) = await PageAsync(source, scope, filter);
                times.Add(Stats.Milliseconds(pageStart));
                queries.Add(counter.Count);
                objects += count;
                if (next is null)
                {
                    break;
                }

                filter = filter with { After = next };
            }
        }

        return new Walk(times, queries, objects);
    }

    /// <summary>One page as the objects endpoint serves it: read, then written as the envelope's JSON.</summary>
    private static async Task<(int Count, TaxiiCursor? Next)> PageAsync(TaxiiObjectSource source, CuratedSetScope scope, TaxiiFilter filter)
    {
        var page = await source.PageAsync(scope, filter);
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("more", page.More);
            json.WriteStartArray("objects");
            var writer = new StixObjectWriter(json);
            foreach (var entry in page.Entries)
            {
                entry.Write(writer);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return (page.Entries.Count, page.Next);
    }

    /// <summary>A set of everything up to AMBER, read by the load benchmark's consumer organisation (AMBER).</summary>
    private static async Task<(Guid SetId, Guid OrganisationId)> CreateSetAsync(ServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var organisationId = await db.Organisations.Where(o => o.Name == LoadAccounts.ConsumerOrganisation).Select(o => o.Id).SingleAsync(ct);
        var set = new CuratedSet { Name = "TAXII benchmark", TlpCeiling = Tlp.Amber, CreatedById = "benchmark", UpdatedById = "benchmark" };
        set.Readers.Add(new CuratedSetReader { SetId = set.Id, OrganisationId = organisationId });
        db.CuratedSets.Add(set);
        await db.SaveChangesAsync(ct);
        return (set.Id, organisationId);
    }

    /// <summary>null (the beginning), then the times a quarter, half and three quarters along the indicators' timeline.</summary>
    private static async Task<List<DateTime?>> StartingPointsAsync(ServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var published = db.Indicators.Where(i => i.Status == ContentStatus.Published);
        var first = await published.MinAsync(i => i.UpdatedAt, ct);
        var last = await published.MaxAsync(i => i.UpdatedAt, ct);
        var span = last - first;
        return [null, first + (span / 4), first + (span / 2), first + (span * 3 / 4)];
    }
}
