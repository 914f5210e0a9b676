using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using static AiCtiPortal.Domain.Tests.Catalogue.CatalogueTestBed;

namespace AiCtiPortal.Domain.Tests.Catalogue;

/// <summary>What a report's page shows beside it: related reports, review scores and the author's reputation.</summary>
public abstract class CatalogueDetailsTests(ITestDatabases databases)
{
    private async Task<CatalogueTestBed> BedAsync() => new(await databases.SharedMigratedAsync());

    [Fact]
    public async Task Related_reports_share_indicators_or_techniques_ranked_by_what_they_share()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        var shared = Indicator(IndicatorType.ModelFileSha256, Sha256Hex());
        var technique = $"AML.T9{Random.Shared.Next(100, 999)}";
        var subject = await bed.ReportAsync(author, "subject", indicators: [shared], techniques: [technique]);
        await using (var db = bed.Db())
        {
            // A second report citing the same indicator row, as the workflow links a known value.
            var sibling = await bed.ReportAsync(author, "shares the indicator and technique", techniques: [technique]);
            db.ReportIndicators.Add(new ReportIndicator { ReportId = sibling.Id, IndicatorId = shared.Id });
            await db.SaveChangesAsync();
        }

        await bed.ReportAsync(author, "shares the technique", techniques: [technique]);
        await bed.ReportAsync(author, "shares the technique but is green", r => r.Tlp = Tlp.Green, techniques: [technique]);
        await bed.ReportAsync(author, "shares the technique but is a draft", r => r.Status = ContentStatus.Draft, techniques: [technique]);
        await bed.ReportAsync(author, "shares nothing");

        var related = await bed.Search.RelatedReportsAsync(subject.Id, Tlp.Clear, null);
        var green = await bed.Search.RelatedReportsAsync(subject.Id, Tlp.Green, null);

        Assert.Equal([$"{bed.Marker} shares the indicator and technique", $"{bed.Marker} shares the technique"], related.Select(r => r.Title));
        Assert.Equal((1, 1), (related[0].SharedIndicators, related[0].SharedTechniques));
        Assert.Equal(3, green.Count);
    }

    [Fact]
    public async Task A_hidden_shared_indicator_does_not_relate_two_visible_reports()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        var amber = Indicator(IndicatorType.Domain, $"{bed.Marker}.example.org", Tlp.Amber);
        var subject = await bed.ReportAsync(author, "subject", indicators: [amber]);
        var other = await bed.ReportAsync(author, "other");
        await using (var db = bed.Db())
        {
            db.ReportIndicators.Add(new ReportIndicator { ReportId = other.Id, IndicatorId = amber.Id });
            await db.SaveChangesAsync();
        }

        Assert.Empty(await bed.Search.RelatedReportsAsync(subject.Id, Tlp.Clear, null));
        Assert.Single(await bed.Search.RelatedReportsAsync(subject.Id, Tlp.Amber, await bed.UserAsync()));
    }

    [Fact]
    public async Task Scores_average_each_criterion_over_the_published_versions_reviews()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync();
        var report = await bed.ReportAsync(author, "scored", reviews: [(await bed.UserAsync(), 5), (await bed.UserAsync(), 2)]);
        var unscored = await bed.ReportAsync(author, "unscored");

        var scores = await bed.Search.ScoresAsync(report.Id);

        Assert.NotNull(scores);
        Assert.Equal(2, scores.ReviewCount);
        Assert.Equal(3.5, scores.Overall);
        Assert.Equal(3.5, scores.Evidence);
        Assert.Equal(3.5, scores.Completeness);
        Assert.Equal(3.5, report.CatalogueScore);
        Assert.Null(await bed.Search.ScoresAsync(unscored.Id));
    }

    [Fact]
    public async Task Reputation_counts_accepted_reports_the_viewer_may_see_and_their_mean_score()
    {
        var bed = await BedAsync();
        var author = await bed.UserAsync("Ada Contributor");
        var reviewer = await bed.UserAsync();
        await bed.ReportAsync(author, "one", reviews: [(reviewer, 4)]);
        await bed.ReportAsync(author, "two", reviews: [(reviewer, 2)]);
        await bed.ReportAsync(author, "unscored");
        await bed.ReportAsync(author, "amber", r => r.Tlp = Tlp.Amber, reviews: [(reviewer, 5)]);
        await bed.ReportAsync(author, "draft", r => r.Status = ContentStatus.Draft);

        var anonymous = await bed.Search.ReputationAsync(author, Tlp.Clear, null);
        var consumer = await bed.Search.ReputationAsync(author, Tlp.Amber, await bed.UserAsync());
        var self = await bed.Search.ReputationAsync(author, Tlp.Green, author);

        Assert.Equal(("Ada Contributor", 3, 3.0), (anonymous!.DisplayName, anonymous.AcceptedCount, anonymous.MeanScore));
        Assert.Equal((4, 3.67), (consumer!.AcceptedCount, consumer.MeanScore));
        Assert.Equal(4, self!.AcceptedCount);
        Assert.Null(await bed.Search.ReputationAsync("no-such-user", Tlp.Red, null));
    }
}

public sealed class SqliteCatalogueDetailsTests(SqliteDatabases databases)
    : CatalogueDetailsTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresCatalogueDetailsTests(PostgresDatabases databases)
    : CatalogueDetailsTests(databases), IClassFixture<PostgresDatabases>;
