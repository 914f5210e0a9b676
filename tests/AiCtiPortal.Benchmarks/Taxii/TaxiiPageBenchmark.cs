using System.Diagnostics;
using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Exports.Taxii;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Benchmarks.Taxii;

/// <summary>
/// Issue 7 item 8: a TAXII page of 1,000 objects in at most 150 ms with a constant number of database queries. Seeds a
/// fresh SQLite catalogue (published indicators in runs sharing one timestamp, reports linking them, one curated set
/// read by an AMBER organisation), then walks the whole collection page by page with the server's own
/// <see cref="TaxiiObjectSource"/>, timing each page (queries and JSON envelope) and counting its SQL commands.
/// </summary>
internal static class TaxiiPageBenchmark
{
    private const int PageSize = 1000;

    /// <summary>
    /// The fixed bound, whatever the page size: indicators 1, reports 1 and their links 3, attack patterns 5 (the
    /// techniques used, the ATLAS release, techniques, tactic links, tactics). Fewer when a kind is absent from a page.
    /// </summary>
    private const int MaxQueriesPerPage = 10;

    public static async Task RunAsync(Arguments arguments, Summary summary)
    {
        var indicators = arguments.Int("taxii-indicators", 100_000);
        var sharing = arguments.Int("taxii-sharing", 500);
        var reports = indicators / 50;
        var folder = Path.Combine(Path.GetTempPath(), $"aicti-taxii-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "taxii.db") }.ConnectionString;
            await using var services = Services(connectionString, folder);
            await services.GetRequiredService<PortalDatabaseInitializer>().InitializeAsync(seedDemoData: false, CancellationToken.None);
            var start = Stopwatch.GetTimestamp();
            var (setId, organisationId) = await SeedAsync(services, indicators, reports, sharing);
            Console.WriteLine($"TAXII: seeded {indicators:N0} indicators and {reports:N0} reports in {Stats.F(Stats.Milliseconds(start) / 1000, "0.0")} s");

            var scope = await services.GetRequiredService<TaxiiCollections>()
                .ScopeAsync(new TaxiiReader(null, organisationId, Tlp.Amber), setId)
                ?? throw new InvalidOperationException("The seeded organisation cannot read the seeded set.");
            var source = services.GetRequiredService<TaxiiObjectSource>();
            using var counter = new QueryCounter();
            await PageAsync(source, scope, null); // warm-up: query compilation, connection pool

            ReadMilliseconds = 0;
            var times = new List<double>();
            var queries = new List<int>();
            var objects = 0;
            TaxiiCursor? cursor = null;
            do
            {
                counter.Reset();
                var pageStart = Stopwatch.GetTimestamp();
                var (count, next) = await PageAsync(source, scope, cursor);
                times.Add(Stats.Milliseconds(pageStart));
                queries.Add(counter.Count);
                objects += count;
                cursor = next;
            }
            while (cursor is not null);

            var p95 = Stats.Percentile(times, 0.95);
            Console.WriteLine($"TAXII: {objects:N0} objects in {times.Count} pages of {PageSize}: median {Stats.F(Stats.Median(times), "0.0")} ms, " +
                $"p95 {Stats.F(p95, "0.0")} ms, max {Stats.F(times.Max(), "0.0")} ms; queries per page {queries.Min()}-{queries.Max()}; " +
                $"reading took {Stats.F(ReadMilliseconds / times.Count, "0.0")} ms of each page on average");
            summary.Add($"TAXII page of {PageSize} (SQLite, {indicators:N0} indicators) p95 <= 150 ms", $"{Stats.F(p95, "0.0")} ms", p95 <= 150);
            summary.Add($"TAXII queries per page <= {MaxQueriesPerPage} (constant bound)", $"{queries.Min()}-{queries.Max()}", queries.Max() <= MaxQueriesPerPage);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Time spent reading pages (queries and materialising), as opposed to writing their JSON.</summary>
    private static double ReadMilliseconds { get; set; }

    /// <summary>One page as the objects endpoint serves it: read, then written as the envelope's JSON.</summary>
    private static async Task<(int Count, TaxiiCursor? Next)> PageAsync(TaxiiObjectSource source, CuratedSetScope scope, TaxiiCursor? cursor)
    {
        var readStart = Stopwatch.GetTimestamp();
        var page = await source.PageAsync(scope, TaxiiFilter.Everything with { Limit = PageSize, After = cursor });
        ReadMilliseconds += Stats.Milliseconds(readStart);
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

    private static async Task<(Guid SetId, Guid OrganisationId)> SeedAsync(ServiceProvider services, int indicators, int reports, int sharing)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var epoch = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var author = new PortalUser { UserName = "taxii-bench", Email = "taxii-bench@bench.aicti.local", DisplayName = "Bench" };
        var organisation = new Organisation { Name = "TAXII bench", Clearance = Tlp.Amber };
        var set = new CuratedSet { Name = "TAXII bench", TlpCeiling = Tlp.Amber, CreatedById = "bench", UpdatedById = "bench" };
        set.Readers.Add(new CuratedSetReader { SetId = set.Id, OrganisationId = organisation.Id });
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Users.Add(author);
            db.Organisations.Add(organisation);
            db.CuratedSets.Add(set);
            await db.SaveChangesAsync();
        }

        var ids = new List<Guid>(indicators);
        for (var batch = 0; batch < indicators; batch += 5000)
        {
            await using var db = await contexts.CreateDbContextAsync();
            for (var i = batch; i < Math.Min(indicators, batch + 5000); i++)
            {
                var value = $"bench-{i}.example";
                var indicator = new Indicator
                {
                    Type = IndicatorType.Domain, Value = value, NormalizedValue = value,
                    ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.Domain, value),
                    Tlp = (Tlp)(i % 3), Status = ContentStatus.Published, CreatedById = author.Id,
                    CreatedAt = epoch, UpdatedAt = epoch.AddSeconds(i / sharing).AddTicks(1234),
                };
                ids.Add(indicator.Id);
                db.Indicators.Add(indicator);
            }

            await db.SaveChangesAsync();
        }

        for (var batch = 0; batch < reports; batch += 1000)
        {
            await using var db = await contexts.CreateDbContextAsync();
            for (var r = batch; r < Math.Min(reports, batch + 1000); r++)
            {
                var report = new ThreatReport
                {
                    Title = $"Bench report {r}", Summary = "Synthetic.", BodyMarkdown = "Synthetic.", Tlp = Tlp.Green,
                    Status = ContentStatus.Published, AuthorId = author.Id, CreatedAt = epoch,
                    UpdatedAt = epoch.AddSeconds(r * 50 / sharing), PublishedAt = epoch,
                    Techniques = [new ReportTechnique { TechniqueId = $"AML.T00{r % 60:00}" }],
                };
                db.Reports.Add(report);
                for (var k = 0; k < 5; k++)
                {
                    db.ReportIndicators.Add(new ReportIndicator { ReportId = report.Id, IndicatorId = ids[((r * 50) + (k * 10)) % ids.Count] });
                }
            }

            await db.SaveChangesAsync();
        }

        return (set.Id, organisation.Id);
    }

    private static ServiceProvider Services(string connectionString, string folder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["Database:ConnectionString"] = connectionString,
            ["Database:DataFolder"] = folder,
        }).Build();
        return new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None))
            .AddSingleton(TimeProvider.System)
            .AddPortalData(configuration, folder)
            .AddTaxiiCollections()
            .BuildServiceProvider();
    }
}
