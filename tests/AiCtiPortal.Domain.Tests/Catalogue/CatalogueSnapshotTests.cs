using System.Text;
using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Atlas;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static AiCtiPortal.Domain.Tests.Catalogue.CatalogueTestBed;

namespace AiCtiPortal.Domain.Tests.Catalogue;

/// <summary>
/// The in-memory catalogue snapshot: exact after every change to published content (the database's revision
/// triggers see every path), rebuilt only then, and one rebuild shared by concurrent searches.
/// </summary>
public abstract class CatalogueSnapshotTests(ITestDatabases databases)
{
    /// <summary>A database of its own: on the shared one, other tests' publications would move the revision.</summary>
    private async Task<(CatalogueTestBed Bed, CatalogueSnapshotCache Snapshots, CatalogueSearchService Search)> OwnDatabaseAsync()
    {
        var settings = await TestContexts.MigrateAsync(await databases.CreateAsync());
        var snapshots = NewSnapshots(settings);
        return (new CatalogueTestBed(settings), snapshots, NewSearch(settings, TimeProvider.System, snapshots));
    }

    [Fact]
    public async Task Every_change_to_published_content_shows_in_the_next_search()
    {
        var bed = new CatalogueTestBed(await databases.SharedMigratedAsync());
        var author = await bed.UserAsync();
        async Task<CataloguePage<ReportHit, ReportFacets>> Search(Tlp clearance) => await bed.Search.SearchReportsAsync(bed.Query(), clearance, null);
        var first = await bed.ReportAsync(author, "first", techniques: ["AML.T0010"]);
        Assert.Equal(1, (await Search(Tlp.Clear)).TotalCount);

        // Published earlier than the newest report: a count keyed on the newest publication would have missed it.
        var older = await bed.ReportAsync(author, "older", r => r.PublishedAt = Now.AddDays(-40));
        Assert.Equal(2, (await Search(Tlp.Clear)).TotalCount);

        await using (var db = bed.Db())
        {
            await db.Reports.Where(r => r.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Tlp, Tlp.Amber));
        }

        Assert.Equal((1, 2), ((await Search(Tlp.Clear)).TotalCount, (await Search(Tlp.Amber)).TotalCount));
        await using (var db = bed.Db())
        {
            await db.Set<ReportTechnique>().Where(t => t.ReportId == first.Id).ExecuteDeleteAsync();
        }

        Assert.DoesNotContain((await Search(Tlp.Amber)).Facets!.Techniques, f => f.Key == "AML.T0010" && f.Count > 0);
        await using (var db = bed.Db())
        {
            await db.Reports.Where(r => r.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ContentStatus.Merged));
            await db.Reports.Where(r => r.Id == older.Id).ExecuteDeleteAsync();
        }

        Assert.Equal(0, (await Search(Tlp.Amber)).TotalCount);
    }

    [Fact]
    public async Task Indicator_counts_follow_publication_and_withdrawal()
    {
        var bed = new CatalogueTestBed(await databases.SharedMigratedAsync());
        var author = await bed.UserAsync();
        var hash = Sha256Hex();
        var report = await bed.ReportAsync(author, "with an indicator", indicators: [Indicator(IndicatorType.ModelFileSha256, hash)]);
        async Task<int> Found() => (await bed.Search.SearchIndicatorsAsync(new IndicatorCatalogueQuery { Text = hash }, Tlp.Clear, null)).TotalCount;
        Assert.Equal(1, await Found());

        await using (var db = bed.Db())
        {
            await db.Indicators.Where(i => i.NormalizedValue == hash).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ContentStatus.Merged));
        }

        Assert.Equal(0, await Found());
        Assert.Equal(0, (await bed.Search.SearchReportsAsync(new CatalogueQuery { Text = hash }, Tlp.Clear, null)).TotalCount);
        Assert.NotEqual(Guid.Empty, report.Id);
    }

    [Fact]
    public async Task The_snapshot_is_rebuilt_only_when_published_content_changes()
    {
        var (bed, snapshots, search) = await OwnDatabaseAsync();
        var author = await bed.UserAsync();
        await bed.ReportAsync(author, "published", indicators: [Indicator(IndicatorType.ModelFileSha256, Sha256Hex())]);
        await search.SearchReportsAsync(bed.Query(), Tlp.Clear, null);
        await search.SearchIndicatorsAsync(new IndicatorCatalogueQuery(), Tlp.Clear, null);
        Assert.Equal(1, snapshots.Builds);

        // Drafts change all day (autosave); none of it is catalogue content.
        var draft = await bed.ReportAsync(author, "draft", r => r.Status = ContentStatus.Draft, techniques: ["AML.T0010"],
            indicators: [Indicator(IndicatorType.ModelFileSha256, Sha256Hex(), status: ContentStatus.Draft)]);
        await using (var db = bed.Db())
        {
            await db.Reports.Where(r => r.Id == draft.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Title, $"{bed.Marker} draft, edited"));
        }

        await search.SearchReportsAsync(bed.Query(), Tlp.Clear, null);
        Assert.Equal(1, snapshots.Builds);

        // Sightings and concurrency stamps change published rows, but nothing the catalogue reads.
        await using (var db = bed.Db())
        {
            await db.Indicators.Where(i => i.Status == ContentStatus.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.SightingCount, i => i.SightingCount + 1).SetProperty(i => i.LastSeen, Now));
            await db.Reports.Where(r => r.Status == ContentStatus.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ConcurrencyStamp, Guid.NewGuid()));
        }

        await search.SearchReportsAsync(bed.Query(), Tlp.Clear, null);
        Assert.Equal(1, snapshots.Builds);

        await bed.ReportAsync(author, "published later");
        Assert.Equal(2, (await search.SearchReportsAsync(bed.Query(), Tlp.Clear, null)).TotalCount);
        Assert.Equal(2, snapshots.Builds);
    }

    [Fact]
    public async Task An_atlas_import_renames_techniques_in_the_next_search()
    {
        var (bed, snapshots, search) = await OwnDatabaseAsync();
        var author = await bed.UserAsync();
        await bed.ReportAsync(author, "mapped", techniques: ["AML.T0001"]);
        async Task<string?> Label() => (await search.SearchReportsAsync(bed.Query(), Tlp.Clear, null)).Facets!.Techniques
            .SingleOrDefault(f => f.Key == "AML.T0001")?.Label;
        Assert.Equal("AML.T0001", await Label());

        var import = new AtlasImportService(new TestContextFactory(bed.Settings), Options.Create(new AtlasImportOptions()),
            TimeProvider.System, NullLogger<AtlasImportService>.Instance);
        await import.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(AtlasYaml.Minimal)), "test", null, CancellationToken.None);
        Assert.Equal("AML.T0001 Technique One", await Label());

        var renamed = AtlasYaml.Minimal.ReplaceFirst("name: Technique One", "name: Technique One, renamed");
        await import.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(renamed)), "test", null, CancellationToken.None);
        Assert.Equal("AML.T0001 Technique One, renamed", await Label());
        Assert.Equal(3, snapshots.Builds);
    }

    [Fact]
    public async Task Concurrent_searches_after_a_change_share_one_rebuild()
    {
        var (bed, snapshots, search) = await OwnDatabaseAsync();
        var author = await bed.UserAsync();
        await bed.ReportAsync(author, "one");
        await search.SearchReportsAsync(bed.Query(), Tlp.Clear, null);
        await bed.ReportAsync(author, "two");

        var pages = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => search.SearchReportsAsync(bed.Query(), Tlp.Clear, null)));

        Assert.All(pages, page => Assert.Equal(2, page.TotalCount));
        Assert.Equal(2, snapshots.Builds);
    }

    [Fact]
    public async Task Every_sort_lists_each_result_once_across_pages()
    {
        var (bed, _, search) = await OwnDatabaseAsync();
        var author = await bed.UserAsync();
        for (var i = 0; i < 7; i++)
        {
            var n = i;
            await bed.ReportAsync(author, $"report {(char)('g' - n)}", r =>
            {
                r.Confidence = 10 * (n % 3);
                r.PublishedAt = Now.AddDays(-1); // equal timestamps: the id must break ties
            });
        }

        foreach (var sort in Enum.GetValues<CatalogueSort>())
        {
            var seen = new List<Guid>();
            for (var page = 1; page <= 3; page++)
            {
                seen.AddRange((await search.SearchReportsAsync(bed.Query(new CatalogueQuery { Sort = sort, Page = page, PageSize = 3 }), Tlp.Clear, null)).Items.Select(h => h.Id));
            }

            Assert.Equal(7, seen.Distinct().Count());
            Assert.Equal(7, seen.Count);
        }
    }
}

public sealed class SqliteCatalogueSnapshotTests(SqliteDatabases databases)
    : CatalogueSnapshotTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresCatalogueSnapshotTests(PostgresDatabases databases)
    : CatalogueSnapshotTests(databases), IClassFixture<PostgresDatabases>;
