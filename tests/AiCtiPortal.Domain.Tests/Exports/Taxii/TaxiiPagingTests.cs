using System.Data.Common;
using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Exports.Taxii;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Domain.Tests.Exports.Sets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiCtiPortal.Domain.Tests.Exports.Taxii;

/// <summary>
/// Paging a collection: every page costs the same number of SQL commands whatever its position and size, and walking
/// it in small pages yields exactly what one large page does, even with many objects sharing a timestamp and with
/// attack patterns first used (or released) part-way through.
/// </summary>
public abstract class TaxiiPagingTests(ITestDatabases databases)
{
    private static readonly DateTime Start = CuratedSetTestBed.Now.AddDays(-30);

    [Fact]
    public async Task Every_page_costs_the_same_number_of_queries_whatever_its_position_and_size()
    {
        var (bed, settings) = await FreshAsync();
        var scope = await SeedAsync(bed, release: null);
        var counter = new CommandCounter();
        var source = new TaxiiObjectSource(new CountingContexts(settings, counter));
        await source.PageAsync(scope, TaxiiFilter.Everything); // compiles the queries; not counted

        var perPage = new List<int>();
        TaxiiCursor? cursor = null;
        for (var page = 1; page <= 5; page++)
        {
            counter.Reset();
            var result = await source.PageAsync(scope, TaxiiFilter.Everything with { Limit = 10, After = cursor });
            perPage.Add(counter.Count);
            Assert.Equal(10, result.Entries.Count);
            cursor = result.Next;
        }

        counter.Reset();
        var large = await source.PageAsync(scope, TaxiiFilter.Everything with { Limit = 1000 });
        var largeCount = counter.Count;

        Assert.True(large.Entries.Count > 50, $"the large page holds {large.Entries.Count} objects");
        Assert.All(perPage, count => Assert.Equal(perPage[0], count));
        Assert.Equal(perPage[0], largeCount);
        Assert.InRange(largeCount, 1, 10);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Small_pages_yield_exactly_the_objects_of_one_large_page_in_the_same_order(bool releasedMidway)
    {
        var (bed, settings) = await FreshAsync();
        var scope = await SeedAsync(bed, release: releasedMidway ? Start.AddHours(5).AddMinutes(30) : null);
        var source = new TaxiiObjectSource(new CountingContexts(settings, new CommandCounter()));
        var whole = await source.PageAsync(scope, TaxiiFilter.Everything);
        Assert.False(whole.More);

        foreach (var limit in new[] { 1, 3, 7, 10 })
        {
            var walked = new List<TaxiiEntry>();
            TaxiiCursor? cursor = null;
            do
            {
                var page = await source.PageAsync(scope, TaxiiFilter.Everything with { Limit = limit, After = cursor });
                Assert.True(page.Entries.Count <= limit);
                walked.AddRange(page.Entries);
                cursor = page.Next;
            }
            while (cursor is not null);

            Assert.Equal(Keys(whole.Entries), Keys(walked));
        }

        // added_after in the middle: the same tail as the whole collection's.
        var middle = whole.Entries[whole.Entries.Count / 2].DateAdded;
        var tail = await source.PageAsync(scope, TaxiiFilter.Everything with { AddedAfter = middle, Limit = 4 });
        Assert.Equal(Keys(whole.Entries.Where(e => TaxiiTime.ToMicroseconds(e.DateAdded) > TaxiiTime.ToMicroseconds(middle)).Take(4)), Keys(tail.Entries));
        Assert.Contains(whole.Entries, e => e.Type == "attack-pattern" && e.DateAdded > Start.AddHours(2));
    }

    private static List<string> Keys(IEnumerable<TaxiiEntry> entries) =>
        entries.Select(e => $"{e.DateAdded:O} {e.Id}").ToList();

    private async Task<(CuratedSetTestBed Bed, PortalDatabaseSettings Settings)> FreshAsync()
    {
        var settings = await TestContexts.MigrateAsync(await databases.CreateAsync());
        return (new CuratedSetTestBed(settings), settings);
    }

    /// <summary>
    /// Twelve reports in threes sharing a change time, five indicators each in fours sharing one; every report uses a
    /// common technique and one that first appears with its group, so attack patterns are added all along.
    /// </summary>
    private static async Task<CuratedSetScope> SeedAsync(CuratedSetTestBed bed, DateTime? release)
    {
        await bed.TechniquesAsync(Enumerable.Range(0, 8).Select(n => ($"AML.T00{n:00}", (string?)null)).ToArray());
        if (release is { } importedAt)
        {
            await using var db = bed.Db();
            db.AtlasReleases.Add(new AtlasRelease { Version = "5.6.0", Source = "test", ImportedAt = importedAt });
            await db.SaveChangesAsync();
        }

        for (var k = 0; k < 12; k++)
        {
            var changed = Start.AddHours(k / 3);
            var indicators = Enumerable.Range(0, 5)
                .Select(j => CuratedSetTestBed.Indicator(Tlp.Green, IndicatorType.Domain, updatedAt: changed.AddMinutes(((k * 5) + j) / 4)))
                .ToList();
            await bed.ReportAsync(r => (r.Tlp, r.UpdatedAt) = (Tlp.Green, changed), indicators, $"AML.T00{k % 2:00}", $"AML.T00{2 + (k / 3):00}");
        }

        var (_, organisation, saved) = await bed.SavedSetAsync(clearance: Tlp.Amber);
        return await bed.Resolver.ForOrganisationAsync(saved.Id, organisation);
    }

    /// <summary>Counts every SQL command the contexts send.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class CountingContexts(PortalDatabaseSettings settings, CommandCounter counter) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<PortalDbContext>().UsePortalDatabase(settings).AddInterceptors(counter).Options);
    }
}

public sealed class SqliteTaxiiPagingTests(SqliteDatabases databases)
    : TaxiiPagingTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresTaxiiPagingTests(PostgresDatabases databases)
    : TaxiiPagingTests(databases), IClassFixture<PostgresDatabases>;
