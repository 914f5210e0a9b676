using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Data;

public abstract class ConcurrencyStampTests(ITestDatabases databases)
{
    [Fact]
    public async Task The_second_of_two_conflicting_report_saves_fails()
    {
        var settings = await MigratedAsync();
        var reportId = await SeedAsync(settings, (db, author) =>
        {
            var report = new ThreatReport { Title = "Original", Summary = "s", BodyMarkdown = "b", AuthorId = author.Id };
            db.Reports.Add(report);
            return report.Id;
        });

        await using var first = TestContexts.Create(settings);
        await using var second = TestContexts.Create(settings);
        var mine = await first.Reports.SingleAsync(r => r.Id == reportId);
        var theirs = await second.Reports.SingleAsync(r => r.Id == reportId);
        var stampRead = mine.ConcurrencyStamp;

        mine.Title = "First editor's title";
        await first.SaveChangesAsync();
        theirs.Title = "Second editor's title";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        Assert.NotEqual(stampRead, mine.ConcurrencyStamp);
        await using var check = TestContexts.Create(settings);
        Assert.Equal("First editor's title", (await check.Reports.SingleAsync(r => r.Id == reportId)).Title);
    }

    [Fact]
    public async Task The_second_of_two_conflicting_indicator_saves_fails()
    {
        var settings = await MigratedAsync();
        var indicatorId = await SeedAsync(settings, (db, author) =>
        {
            var indicator = new Indicator
            {
                Type = IndicatorType.PickleImport, Value = "posix.system", NormalizedValue = "posix.system",
                ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.PickleImport, "posix.system"), CreatedById = author.Id,
            };
            db.Indicators.Add(indicator);
            return indicator.Id;
        });

        await using var first = TestContexts.Create(settings);
        await using var second = TestContexts.Create(settings);
        var mine = await first.Indicators.SingleAsync(i => i.Id == indicatorId);
        var theirs = await second.Indicators.SingleAsync(i => i.Id == indicatorId);

        mine.Confidence = 90;
        await first.SaveChangesAsync();
        theirs.Confidence = 10;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task Consecutive_saves_from_one_context_do_not_conflict()
    {
        var settings = await MigratedAsync();
        var reportId = await SeedAsync(settings, (db, author) =>
        {
            var report = new ThreatReport { Title = "v1", Summary = "s", BodyMarkdown = "b", AuthorId = author.Id };
            db.Reports.Add(report);
            return report.Id;
        });

        await using var db = TestContexts.Create(settings);
        var report = await db.Reports.SingleAsync(r => r.Id == reportId);
        report.Title = "v2";
        await db.SaveChangesAsync();
        report.Title = "v3";
        await db.SaveChangesAsync();

        await using var check = TestContexts.Create(settings);
        Assert.Equal("v3", (await check.Reports.SingleAsync(r => r.Id == reportId)).Title);
    }

    private Task<PortalDatabaseSettings> MigratedAsync() => databases.SharedMigratedAsync();

    private static async Task<Guid> SeedAsync(PortalDatabaseSettings settings, Func<PortalDbContext, PortalUser, Guid> add)
    {
        await using var db = TestContexts.Create(settings);
        var author = new PortalUser { UserName = $"author-{Guid.NewGuid():N}", DisplayName = "Author" };
        db.Users.Add(author);
        var id = add(db, author);
        await db.SaveChangesAsync();
        return id;
    }
}

public sealed class SqliteConcurrencyStampTests(SqliteDatabases databases)
    : ConcurrencyStampTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresConcurrencyStampTests(PostgresDatabases databases)
    : ConcurrencyStampTests(databases), IClassFixture<PostgresDatabases>;
