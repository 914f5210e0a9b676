using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Domain.Tests.Reviews;
using Microsoft.EntityFrameworkCore;
using static AiCtiPortal.Domain.Tests.Catalogue.CatalogueTestBed;

namespace AiCtiPortal.Domain.Tests.Catalogue;

/// <summary>The denormalised score and indicator-type mask: set when the workflow publishes, or filled in later.</summary>
public abstract class CatalogueStatisticsTests(ITestDatabases databases)
{
    [Fact]
    public async Task Publishing_through_the_workflow_sets_the_score_and_indicator_types()
    {
        var bed = new WorkflowTestBed(await databases.SharedMigratedAsync(), new ReviewOptions { Quorum = 1 });
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var reviewer = await bed.UserAsync(PortalRoles.Reviewer);
        var submitted = await bed.SubmittedAsync(author, Tlp.Green);

        await bed.DecideAsync(submitted.ReportId, reviewer, ReviewDecision.Approve);

        var report = await bed.ReportAsync(submitted.ReportId);
        Assert.Equal(ContentStatus.Published, report.Status);
        Assert.Equal(4.0, report.CatalogueScore); // GoodScores 4, 4, 5, 3, 4
        Assert.Equal(CatalogueStatistics.Bit(IndicatorType.PickleImport), report.IndicatorTypeMask);
    }

    [Fact]
    public async Task Reports_published_outside_the_workflow_get_their_figures_from_the_refresh()
    {
        var catalogue = new CatalogueTestBed(await databases.SharedMigratedAsync());
        var author = await catalogue.UserAsync();
        var reviewer = await catalogue.UserAsync();
        var report = await catalogue.ReportAsync(author, "seeded", indicators:
            [Indicator(IndicatorType.Url, "https://seeded.example.com/"), Indicator(IndicatorType.Domain, "seeded.example.com")],
            reviews: [(reviewer, 3)]);
        await using (var db = catalogue.Db())
        {
            await db.Reports.Where(r => r.Id == report.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.IndicatorTypeMask, (long?)null).SetProperty(r => r.CatalogueScore, (double?)null));
            Assert.True(await CatalogueStatistics.RefreshMissingAsync(db) >= 1);
        }

        await using var check = catalogue.Db();
        var row = await check.Reports.AsNoTracking().SingleAsync(r => r.Id == report.Id);
        Assert.Equal(CatalogueStatistics.Bit(IndicatorType.Url) | CatalogueStatistics.Bit(IndicatorType.Domain), row.IndicatorTypeMask);
        Assert.Equal(3.0, row.CatalogueScore);
    }

    [Fact]
    public void A_review_with_an_unset_score_does_not_count()
    {
        var complete = new Review { EvidenceScore = 5, SpecificityScore = 5, CorrectnessScore = 5, NoveltyScore = 5, CompletenessScore = 4 };
        var unset = new Review { EvidenceScore = 5 };

        Assert.Equal(4.8, CatalogueStatistics.ScoreOf([complete, unset]));
        Assert.Null(CatalogueStatistics.ScoreOf([unset]));
    }
}

public sealed class SqliteCatalogueStatisticsTests(SqliteDatabases databases)
    : CatalogueStatisticsTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresCatalogueStatisticsTests(PostgresDatabases databases)
    : CatalogueStatisticsTests(databases), IClassFixture<PostgresDatabases>;
