using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;
using static AiCtiPortal.Domain.Tests.Catalogue.CatalogueTestBed;

namespace AiCtiPortal.Domain.Tests.Catalogue;

/// <summary>
/// The full-text objects MigrationSchemaTests leaves out of its comparison (EnsureCreated cannot make them): they
/// exist after migrating, and they follow every insert, update and delete of the rows they index.
/// </summary>
public abstract class CatalogueSearchSchemaTests(ITestDatabases databases)
{
    private async Task<CatalogueTestBed> BedAsync() => new(await databases.SharedMigratedAsync());

    [Fact]
    public async Task Migrating_creates_every_full_text_object()
    {
        var bed = await BedAsync();
        await using var db = bed.Db();
        var sqlite = db.Database.IsSqlite();
        var names = await db.Database.SqlQueryRaw<string>(sqlite
                ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type IN ('table', 'trigger')"
                : "SELECT indexname AS \"Value\" FROM pg_indexes WHERE schemaname = 'public' UNION ALL SELECT extname FROM pg_extension")
            .ToListAsync();

        string[] expected = sqlite
            ? [CatalogueSearchSchema.SqliteKeys, CatalogueSearchSchema.SqliteReports, CatalogueSearchSchema.SqliteIndicators,
               .. new[] { "Reports", "Indicators" }.SelectMany(t => new[] { "ai", "au", "ad" }.Select(s => $"{CatalogueSearchSchema.Prefix}{t}_{s}"))]
            : [CatalogueSearchSchema.PostgresReportText, CatalogueSearchSchema.PostgresIndicatorValue, "pg_trgm"];
        Assert.All(expected, name => Assert.Contains(name, names));
    }

    [Fact]
    public async Task Report_text_follows_inserts_updates_and_deletes()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        var before = $"before{Guid.NewGuid():N}"[..20];
        var after = $"after{Guid.NewGuid():N}"[..20];
        var report = await bed.ReportAsync(author, before);
        async Task<int> Found(string word) =>
            (await bed.Search.SearchReportsAsync(new CatalogueQuery { Text = word }, Tlp.Clear, null)).TotalCount;

        Assert.Equal(1, await Found(before));
        await using (var db = bed.Db())
        {
            var row = await db.Reports.SingleAsync(r => r.Id == report.Id);
            row.Title = $"{bed.Marker} {after}";
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await Found(before));
        Assert.Equal(1, await Found(after));
        await using (var db = bed.Db())
        {
            await db.Reports.Where(r => r.Id == report.Id).ExecuteDeleteAsync();
        }

        Assert.Equal(0, await Found(after));
        Assert.Equal(0, await Found(bed.Marker));
    }

    [Fact]
    public async Task Indicator_values_follow_inserts_updates_and_deletes()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        var first = Sha256Hex();
        var second = Sha256Hex();
        var indicator = Indicator(IndicatorType.ModelFileSha256, first);
        indicator.CreatedById = author;
        await using (var db = bed.Db())
        {
            db.Indicators.Add(indicator);
            await db.SaveChangesAsync();
        }

        async Task<int> Found(string value) =>
            (await bed.Search.SearchIndicatorsAsync(new IndicatorCatalogueQuery { Text = value[..16] }, Tlp.Clear, null)).TotalCount;

        Assert.Equal(1, await Found(first));
        await using (var db = bed.Db())
        {
            var row = await db.Indicators.SingleAsync(i => i.Id == indicator.Id);
            row.NormalizedValue = second;
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await Found(first));
        Assert.Equal(1, await Found(second));
        await using (var db = bed.Db())
        {
            await db.Indicators.Where(i => i.Id == indicator.Id).ExecuteDeleteAsync();
        }

        Assert.Equal(0, await Found(second));
    }
}

public sealed class SqliteCatalogueSearchSchemaTests(SqliteDatabases databases)
    : CatalogueSearchSchemaTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresCatalogueSearchSchemaTests(PostgresDatabases databases)
    : CatalogueSearchSchemaTests(databases), IClassFixture<PostgresDatabases>;
