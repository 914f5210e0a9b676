using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using static AiCtiPortal.Domain.Tests.Catalogue.CatalogueTestBed;

namespace AiCtiPortal.Domain.Tests.Catalogue;

/// <summary>Catalogue search on SQLite (FTS5) and PostgreSQL (tsvector + pg_trgm) through the derived classes.</summary>
public abstract class CatalogueSearchTests(ITestDatabases databases)
{
    private async Task<CatalogueTestBed> BedAsync() => new(await databases.SharedMigratedAsync());

    private static List<string> Titles(CataloguePage<ReportHit, ReportFacets> page, CatalogueTestBed bed) =>
        page.Items.Select(i => i.Title[(bed.Marker.Length + 1)..]).Order(StringComparer.Ordinal).ToList();

    private static int Count(IReadOnlyList<FacetCount> facet, string key) => facet.Single(f => f.Key == key).Count;

    [Fact]
    public async Task Text_matches_titles_summaries_and_indicator_values()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        var word = $"tok{Guid.NewGuid():N}"[..14];
        await bed.ReportAsync(author, $"Poisoned {word} upload");
        await bed.ReportAsync(author, "In the summary", r => r.Summary = $"A {word} that phones home.");
        await bed.ReportAsync(author, "Via indicator", indicators: [Indicator(IndicatorType.Domain, $"{word}-cdn.example.net")]);
        await bed.ReportAsync(author, "Nothing relevant");

        var all = await bed.Search.SearchReportsAsync(bed.Query(), Tlp.Clear, null);
        var hit = await bed.Search.SearchReportsAsync(new CatalogueQuery { Text = word }, Tlp.Clear, null);

        Assert.Equal(4, all.TotalCount);
        Assert.Equal(["In the summary", "Poisoned " + word + " upload", "Via indicator"], Titles(hit, bed));
        Assert.Equal(3, hit.TotalCount);
    }

    [Fact]
    public async Task Words_match_as_prefixes_and_case_insensitively()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        await bed.ReportAsync(author, "Backdoored CHECKPOINTS on a hub");

        var hit = await bed.Search.SearchReportsAsync(bed.Query(new() { Text = "checkpoint backdoor" }), Tlp.Clear, null);
        var miss = await bed.Search.SearchReportsAsync(bed.Query(new() { Text = "checkpoint frontdoor" }), Tlp.Clear, null);

        Assert.Single(hit.Items);
        Assert.Empty(miss.Items);
    }

    [Fact]
    public async Task A_hash_prefix_finds_the_indicator_and_the_report_documenting_it()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        var hash = Sha256Hex();
        var report = await bed.ReportAsync(author, "Hash carrier", indicators: [Indicator(IndicatorType.ModelFileSha256, hash)]);

        var reports = await bed.Search.SearchReportsAsync(new CatalogueQuery { Text = hash[..12] }, Tlp.Clear, null);
        var indicators = await bed.Search.SearchIndicatorsAsync(new IndicatorCatalogueQuery { Text = hash[..12].ToUpperInvariant() }, Tlp.Clear, null);
        var whole = await bed.Search.SearchIndicatorsAsync(new IndicatorCatalogueQuery { Text = hash }, Tlp.Clear, null);

        Assert.Equal(report.Id, Assert.Single(reports.Items).Id);
        Assert.Equal(hash, Assert.Single(indicators.Items).NormalizedValue);
        Assert.Single(whole.Items);
    }

    [Fact]
    public async Task A_long_phrase_matches_only_values_containing_all_of_it()
    {
        // PostgreSQL searches its trigram index with the first 16 characters and checks the rest row by row;
        // two hashes sharing that prefix must still be told apart.
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        var shared = Sha256Hex()[..20];
        var (first, second) = (shared + Sha256Hex()[..44], shared + Sha256Hex()[..44]);
        await bed.ReportAsync(author, "Two hashes, one prefix",
            indicators: [Indicator(IndicatorType.ModelFileSha256, first), Indicator(IndicatorType.ModelFileSha256, second)]);

        var whole = await bed.Search.SearchIndicatorsAsync(new IndicatorCatalogueQuery { Text = second.ToUpperInvariant() }, Tlp.Clear, null);
        var prefix = await bed.Search.SearchIndicatorsAsync(new IndicatorCatalogueQuery { Text = shared }, Tlp.Clear, null);

        Assert.Equal(second, Assert.Single(whole.Items).NormalizedValue);
        Assert.Equal(2, prefix.TotalCount);
    }

    [Fact]
    public async Task A_hidden_indicator_value_never_makes_a_visible_report_match()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        var secret = $"{bed.Marker}-amber.example.org";
        await bed.ReportAsync(author, "Clear report citing an amber indicator",
            indicators: [Indicator(IndicatorType.Domain, secret, Tlp.Amber)]);

        var anonymous = await bed.Search.SearchReportsAsync(new CatalogueQuery { Text = secret }, Tlp.Clear, null);
        var consumer = await bed.Search.SearchReportsAsync(new CatalogueQuery { Text = secret }, Tlp.Amber, await bed.UserAsync());

        Assert.Equal(0, anonymous.TotalCount);
        Assert.Single(consumer.Items);
    }

    [Fact]
    public async Task Anonymous_visitors_find_only_published_CLEAR_reports()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        await bed.ReportAsync(author, "clear published");
        await bed.ReportAsync(author, "green published", r => r.Tlp = Tlp.Green);
        await bed.ReportAsync(author, "clear draft", r => { r.Status = ContentStatus.Draft; r.PublishedAt = null; });
        await bed.ReportAsync(author, "clear in review", r => { r.Status = ContentStatus.InReview; r.PublishedAt = null; });

        var page = await bed.Search.SearchReportsAsync(bed.Query(), Tlp.Clear, null);

        Assert.Equal(["clear published"], Titles(page, bed));
        Assert.Equal(1, page.TotalCount);
        Assert.Equal(["Clear"], page.Facets!.Tlps.Select(f => f.Key));
        Assert.Equal(1, page.Facets.Phases.Sum(f => f.Count));
    }

    [Fact]
    public async Task A_consumer_cleared_for_GREEN_never_sees_an_AMBER_count()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        await bed.ReportAsync(author, "green", r => { r.Tlp = Tlp.Green; r.Phases = SupplyChainPhase.Data; });
        await bed.ReportAsync(author, "amber", r => { r.Tlp = Tlp.Amber; r.Phases = SupplyChainPhase.Data; r.Confidence = 90; },
            indicators: [Indicator(IndicatorType.Url, "https://amber.example.com/x", Tlp.Amber)], techniques: ["AML.T0010"]);
        var consumer = await bed.UserAsync();

        var green = await bed.Search.SearchReportsAsync(bed.Query(), Tlp.Green, consumer);
        var askedForAmber = await bed.Search.SearchReportsAsync(bed.Query(new() { Tlps = [Tlp.Amber] }), Tlp.Green, consumer);
        var amber = await bed.Search.SearchReportsAsync(bed.Query(), Tlp.Amber, consumer);

        Assert.Equal(1, green.TotalCount);
        var facets = green.Facets!;
        Assert.DoesNotContain(facets.Tlps, f => f.Key is "Amber" or "AmberStrict" or "Red");
        Assert.Equal(1, Count(facets.Phases, "Data"));
        Assert.Equal(0, Count(facets.ConfidenceBands, "75-100"));
        Assert.Equal(0, Count(facets.IndicatorTypes, "Url"));
        Assert.Empty(facets.Techniques);
        Assert.Equal(0, askedForAmber.TotalCount);
        Assert.Empty(askedForAmber.Items);
        Assert.Equal(2, amber.TotalCount);
        Assert.Equal(1, Count(amber.Facets!.Tlps, "Amber"));
    }

    [Fact]
    public async Task Authors_find_their_own_published_reports_above_their_clearance()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        await bed.ReportAsync(author, "my red report", r => r.Tlp = Tlp.Red);

        var mine = await bed.Search.SearchReportsAsync(bed.Query(), Tlp.Green, author);
        var someoneElse = await bed.Search.SearchReportsAsync(bed.Query(), Tlp.Green, await bed.UserAsync());

        Assert.Single(mine.Items);
        Assert.Equal(1, Count(mine.Facets!.Tlps, "Red"));
        Assert.Empty(someoneElse.Items);
        Assert.DoesNotContain(someoneElse.Facets!.Tlps, f => f.Key == "Red");
    }

    [Fact]
    public async Task Each_filter_narrows_the_results()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        var reviewer = await bed.UserAsync();
        await bed.ReportAsync(author, "data", r => { r.Phases = SupplyChainPhase.Data; r.Confidence = 20; r.PublishedAt = Now.AddDays(-100); },
            indicators: [Indicator(IndicatorType.PickleImport, "posix.system")], techniques: ["AML.T0020"]);
        await bed.ReportAsync(author, "inference", r => { r.Phases = SupplyChainPhase.Inference | SupplyChainPhase.Deployment; r.Confidence = 80; r.Tlp = Tlp.Green; },
            indicators: [Indicator(IndicatorType.Url, "https://inference.example.com/api")], techniques: ["AML.T0051"], reviews: [(reviewer, 5)]);
        await bed.ReportAsync(author, "artifact", r => r.PublishedAt = Now.AddDays(-20), techniques: ["AML.T0010", "AML.T0051"], reviews: [(reviewer, 3)]);

        async Task<List<string>> Find(CatalogueQuery query) => Titles(await bed.Search.SearchReportsAsync(bed.Query(query), Tlp.Green, null), bed);

        Assert.Equal(["data", "inference"], await Find(new() { Phases = [SupplyChainPhase.Data, SupplyChainPhase.Deployment] }));
        Assert.Equal(["artifact", "inference"], await Find(new() { TechniqueIds = ["AML.T0051"] }));
        Assert.Equal(["inference"], await Find(new() { IndicatorTypes = [IndicatorType.Url] }));
        Assert.Equal(["data"], await Find(new() { IndicatorTypes = [IndicatorType.PickleImport] }));
        Assert.Equal(["inference"], await Find(new() { Tlps = [Tlp.Green] }));
        Assert.Equal(["artifact", "inference"], await Find(new() { MinConfidence = 50 }));
        Assert.Equal(["data"], await Find(new() { MaxConfidence = 24 }));
        Assert.Equal(["artifact", "inference"], await Find(new() { PublishedFrom = Now.AddDays(-30) }));
        Assert.Equal(["data"], await Find(new() { PublishedTo = Now.AddDays(-30) }));
        Assert.Equal(["inference"], await Find(new() { MinScore = 4 }));
        Assert.Equal(["artifact"], await Find(new() { TechniqueIds = ["AML.T0051"], MaxConfidence = 74 }));
    }

    [Fact]
    public async Task Each_facet_counts_apply_every_other_filter_but_not_its_own()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        var reviewer = await bed.UserAsync();
        await bed.ReportAsync(author, "a", r => { r.Phases = SupplyChainPhase.Data; r.Confidence = 90; },
            indicators: [Indicator(IndicatorType.Url, "https://a.example.com/")], techniques: ["AML.T0010"], reviews: [(reviewer, 4)]);
        await bed.ReportAsync(author, "b", r => { r.Phases = SupplyChainPhase.Data | SupplyChainPhase.Training; r.Confidence = 30; r.PublishedAt = Now.AddDays(-3); },
            indicators: [Indicator(IndicatorType.Domain, "b.example.com")], techniques: ["AML.T0010", "AML.T0020"]);
        await bed.ReportAsync(author, "c", r => { r.Phases = SupplyChainPhase.Training; r.Confidence = 90; r.Tlp = Tlp.Green; r.PublishedAt = Now.AddDays(-200); },
            techniques: ["AML.T0020"], reviews: [(reviewer, 2)]);

        var page = await bed.Search.SearchReportsAsync(bed.Query(new() { Phases = [SupplyChainPhase.Data], MinConfidence = 75, MaxConfidence = 100 }), Tlp.Green, null);
        var facets = page.Facets!;

        Assert.Equal(["a"], Titles(page, bed));
        Assert.Equal(1, page.TotalCount);
        // Phase counts ignore the phase filter but keep confidence 75-100: a (Data) and c (Training).
        Assert.Equal(1, Count(facets.Phases, "Data"));
        Assert.Equal(1, Count(facets.Phases, "Training"));
        // Confidence counts ignore the confidence filter but keep phase Data: a (90) and b (30).
        Assert.Equal(1, Count(facets.ConfidenceBands, "75-100"));
        Assert.Equal(1, Count(facets.ConfidenceBands, "25-49"));
        // Every other facet applies both filters: only a.
        Assert.Equal(1, Count(facets.Tlps, "Clear"));
        Assert.Equal(0, Count(facets.Tlps, "Green"));
        Assert.Equal(1, Count(facets.IndicatorTypes, "Url"));
        Assert.Equal(0, Count(facets.IndicatorTypes, "Domain"));
        Assert.Equal(1, Count(facets.PublishedRanges, "7d"));
        Assert.Equal(1, Count(facets.ScoreBands, "4"));
        Assert.Equal([("AML.T0010", 1)], facets.Techniques.Select(t => (t.Key, t.Count)));

        var unfiltered = (await bed.Search.SearchReportsAsync(bed.Query(), Tlp.Green, null)).Facets!;
        Assert.Equal(2, Count(unfiltered.Phases, "Data"));
        Assert.Equal(2, Count(unfiltered.Phases, "Training"));
        Assert.Equal(2, Count(unfiltered.PublishedRanges, "7d"));
        Assert.Equal(2, Count(unfiltered.PublishedRanges, "30d"));
        Assert.Equal(2, Count(unfiltered.ConfidenceBands, "75-100"));
        Assert.Equal(1, Count(unfiltered.ScoreBands, "4"));
        Assert.Equal(2, Count(unfiltered.ScoreBands, "2"));
        Assert.Equal([("AML.T0010", 2), ("AML.T0020", 2)], unfiltered.Techniques.Select(t => (t.Key, t.Count)));
    }

    [Fact]
    public async Task Paging_is_stable_when_publication_times_are_equal()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        for (var i = 0; i < 25; i++)
        {
            await bed.ReportAsync(author, $"same time {i:D2}");
        }

        foreach (var sort in Enum.GetValues<CatalogueSort>())
        {
            var seen = new List<Guid>();
            for (var page = 1; page <= 3; page++)
            {
                var result = await bed.Search.SearchReportsAsync(bed.Query(new() { Sort = sort, Page = page, PageSize = 10 }), Tlp.Clear, null);
                Assert.Equal(25, result.TotalCount);
                Assert.Equal(3, result.PageCount);
                seen.AddRange(result.Items.Select(r => r.Id));
            }

            Assert.Equal(25, seen.Distinct().Count());
            Assert.Equal(seen, (await bed.Search.SearchReportsAsync(bed.Query(new() { Sort = sort, PageSize = 100 }), Tlp.Clear, null)).Items.Select(r => r.Id));
        }
    }

    [Fact]
    public async Task Page_size_is_capped_at_one_hundred()
    {
        var bed = await BedAsync();

        var page = await bed.Search.SearchReportsAsync(bed.Query(new() { PageSize = 5000, Page = -3 }), Tlp.Clear, null);

        Assert.Equal(CatalogueQuery.MaxPageSize, page.PageSize);
        Assert.Equal(1, page.Page);
    }

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page_of_results()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        for (var i = 0; i < 3; i++)
        {
            await bed.ReportAsync(author, $"paged {i}");
        }

        var page = await bed.Search.SearchReportsAsync(bed.Query(new() { PageSize = 2, Page = 99_999 }), Tlp.Clear, null);

        Assert.Equal((3, 2), (page.TotalCount, page.Page));
        Assert.Single(page.Items);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("AND OR NOT")]
    [InlineData("a* (b) c:d ^e 'f' \\g")]
    [InlineData("%_%")]
    [InlineData("!!!")]
    public async Task Search_syntax_in_the_text_is_taken_literally(string text)
    {
        var bed = await BedAsync();

        var reports = await bed.Search.SearchReportsAsync(new CatalogueQuery { Text = $"{bed.Marker} {text}" }, Tlp.Clear, null);
        var indicators = await bed.Search.SearchIndicatorsAsync(new IndicatorCatalogueQuery { Text = text }, Tlp.Clear, null);

        Assert.Equal(0, reports.TotalCount);
        Assert.True(indicators.TotalCount >= 0);
    }
}


public sealed class SqliteCatalogueSearchTests(SqliteDatabases databases)
    : CatalogueSearchTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresCatalogueSearchTests(PostgresDatabases databases)
    : CatalogueSearchTests(databases), IClassFixture<PostgresDatabases>;
