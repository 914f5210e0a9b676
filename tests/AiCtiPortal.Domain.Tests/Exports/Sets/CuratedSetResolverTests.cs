using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;

namespace AiCtiPortal.Domain.Tests.Exports.Sets;

/// <summary>
/// What a curated set yields for a reader: only published items meeting every criterion, never above the set's
/// ceiling nor the reading organisation's clearance, in a stable order, optionally only what changed since a time.
/// Each test has a database of its own, so every count is exact.
/// </summary>
public abstract class CuratedSetResolverTests(ITestDatabases databases)
{
    private static readonly DateTime Now = CuratedSetTestBed.Now;

    private async Task<CuratedSetTestBed> FreshAsync() => new(await TestContexts.MigrateAsync(await databases.CreateAsync()));

    [Fact]
    public async Task Nothing_above_the_sets_ceiling_is_resolved_even_for_an_organisation_cleared_higher()
    {
        var bed = await FreshAsync();
        var levels = Enum.GetValues<Tlp>();
        var indicators = new Dictionary<Tlp, Guid>();
        foreach (var tlp in levels)
        {
            indicators[tlp] = (await bed.LooseIndicatorAsync(CuratedSetTestBed.Indicator(tlp))).Id;
        }

        var clear = await bed.ReportAsync(r => r.Tlp = Tlp.Clear);
        await bed.ReportAsync(r => r.Tlp = Tlp.Amber);
        var (_, organisation, saved) = await bed.SavedSetAsync(d => d.TlpCeiling = Tlp.Green, clearance: Tlp.Red);

        var scope = await bed.Resolver.ForOrganisationAsync(saved.Id, organisation);

        Assert.Equal(Tlp.Green, scope.Ceiling);
        Assert.Equal(new[] { indicators[Tlp.Clear], indicators[Tlp.Green] }.Order(), (await bed.IndicatorsAsync(scope)).Select(i => i.Id).Order());
        Assert.Equal([clear.Id], (await bed.ReportsAsync(scope)).Select(r => r.Id));
        Assert.Equal(new CuratedSetCounts(2, 1), await bed.Resolver.CountAsync(scope));
    }

    [Fact]
    public async Task Reading_through_an_organisation_is_capped_at_its_clearance_and_a_member_at_their_own()
    {
        var bed = await FreshAsync();
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            await bed.LooseIndicatorAsync(CuratedSetTestBed.Indicator(tlp));
        }

        var curator = await bed.UserAsync(PortalRoles.Curator);
        var consumer = await bed.UserAsync(PortalRoles.Consumer);
        var unapproved = await bed.UserAsync();
        var green = await bed.OrganisationAsync(Tlp.Green);
        var amber = await bed.OrganisationAsync(Tlp.Amber, consumer, unapproved);
        var draft = CuratedSetTestBed.Draft(green, amber);
        draft.TlpCeiling = Tlp.Red;
        var saved = await bed.Store.CreateAsync(draft, curator);

        async Task<Tlp[]> LevelsAsync(CuratedSetScope scope) =>
            [.. (await bed.IndicatorsAsync(scope)).Select(i => i.Tlp).Order()];

        Assert.Equal([Tlp.Clear, Tlp.Green], await LevelsAsync(await bed.Resolver.ForOrganisationAsync(saved.Id, green)));
        Assert.Equal([Tlp.Clear, Tlp.Green, Tlp.Amber], await LevelsAsync(await bed.Resolver.ForOrganisationAsync(saved.Id, amber)));
        Assert.Equal([Tlp.Clear, Tlp.Green, Tlp.Amber], await LevelsAsync(await bed.Resolver.ForMemberAsync(saved.Id, amber, consumer)));
        Assert.Equal([Tlp.Clear], await LevelsAsync(await bed.Resolver.ForMemberAsync(saved.Id, amber, unapproved)));
        Assert.Equal(Enum.GetValues<Tlp>(), await LevelsAsync(await bed.Resolver.ForCuratorAsync(saved.Id, curator)));
    }

    [Fact]
    public async Task Readers_outside_the_set_are_refused_with_one_message_that_reveals_nothing()
    {
        var bed = await FreshAsync();
        var (_, organisation, saved) = await bed.SavedSetAsync();
        var consumer = await bed.UserAsync(PortalRoles.Consumer);
        var outsider = await bed.OrganisationAsync(Tlp.Red, consumer);

        var refusals = new[]
        {
            await Assert.ThrowsAsync<CuratedSetNotReadableException>(() => bed.Resolver.ForOrganisationAsync(saved.Id, outsider)),
            await Assert.ThrowsAsync<CuratedSetNotReadableException>(() => bed.Resolver.ForOrganisationAsync(Guid.NewGuid(), organisation)),
            await Assert.ThrowsAsync<CuratedSetNotReadableException>(() => bed.Resolver.ForMemberAsync(saved.Id, organisation, consumer)),
            await Assert.ThrowsAsync<CuratedSetNotReadableException>(() => bed.Resolver.ForCuratorAsync(saved.Id, consumer)),
        };

        Assert.Single(refusals.Select(r => r.Message).Distinct());
    }

    [Fact]
    public async Task Only_published_items_meeting_every_criterion_belong_to_the_set()
    {
        var bed = await FreshAsync();
        await bed.TechniquesAsync(("AML.T0010", null), ("AML.T0010.001", "AML.T0010"), ("AML.T0020", null));
        Indicator Good(Action<Indicator>? shape = null)
        {
            var indicator = CuratedSetTestBed.Indicator(Tlp.Green, IndicatorType.Domain, confidence: 60);
            shape?.Invoke(indicator);
            return indicator;
        }

        var member = Good();
        var matching = await bed.ReportAsync(
            r => r.PublishedAt = Now.AddDays(-5),
            [
                member,
                Good(i => i.Type = IndicatorType.Url),
                Good(i => i.Confidence = 10),
                Good(i => i.Status = ContentStatus.InReview),
                Good(i => i.Phases = SupplyChainPhase.Inference),
                Good(i => i.Tlp = Tlp.Red),
            ],
            "AML.T0010.001");
        await bed.ReportAsync(r => r.PublishedAt = Now.AddDays(-5), [Good()], "AML.T0020");
        await bed.ReportAsync(r => r.PublishedAt = Now.AddDays(-60), [Good()], "AML.T0010");
        await bed.ReportAsync(r => r.PublishedAt = Now, [Good()], "AML.T0010");
        await bed.ReportAsync(r => (r.Status, r.PublishedAt) = (ContentStatus.InReview, null), [Good()], "AML.T0010");
        await bed.ReportAsync(r => (r.PublishedAt, r.Confidence) = (Now.AddDays(-5), 20), null, "AML.T0010");
        await bed.ReportAsync(r => (r.PublishedAt, r.Phases) = (Now.AddDays(-5), SupplyChainPhase.Data), null, "AML.T0010");
        await bed.ReportAsync(r => r.PublishedAt = Now.AddDays(-5), [Good(i => i.Type = IndicatorType.Url)], "AML.T0010");
        await bed.LooseIndicatorAsync(Good());

        var (curator, _, saved) = await bed.SavedSetAsync(d =>
        {
            d.TlpCeiling = Tlp.Amber;
            d.Phases = SupplyChainPhase.ModelArtifact | SupplyChainPhase.Dependencies;
            d.IndicatorTypes = [IndicatorType.Domain, IndicatorType.ModelFileSha256];
            d.MinConfidence = 50;
            d.TechniqueIds = ["AML.T0010"];
            d.PublishedFrom = Now.AddDays(-30);
            d.PublishedTo = Now;
        });
        var scope = await bed.Resolver.ForCuratorAsync(saved.Id, curator);

        Assert.Equal(["AML.T0010", "AML.T0010.001"], scope.TechniqueIds);
        Assert.Equal([member.Id], (await bed.IndicatorsAsync(scope)).Select(i => i.Id));
        var report = Assert.Single(await bed.ReportsAsync(scope));
        Assert.Equal(matching.Id, report.Id);
        Assert.Equal([member.Id], report.IndicatorIds);
        var listed = Assert.Single(await bed.Store.ListAsync(curator));
        Assert.Equal((1, 1), (listed.IndicatorCount, listed.ReportCount));
    }

    [Fact]
    public async Task A_minimum_quality_score_excludes_lower_scored_and_unscored_items()
    {
        var bed = await FreshAsync();
        Indicator Scored(int? score)
        {
            var indicator = CuratedSetTestBed.Indicator();
            indicator.QualityScore = score;
            return indicator;
        }

        var good = await bed.LooseIndicatorAsync(Scored(80));
        var exact = await bed.LooseIndicatorAsync(Scored(70));
        await bed.LooseIndicatorAsync(Scored(69));
        await bed.LooseIndicatorAsync(Scored(null));
        var goodReport = await bed.ReportAsync(r => r.QualityScore = 90);
        await bed.ReportAsync(r => r.QualityScore = 10);
        await bed.ReportAsync(r => r.QualityScore = null);
        var (curator, _, saved) = await bed.SavedSetAsync(d => d.MinQualityScore = 70);
        var (_, _, unfiltered) = await bed.SavedSetAsync();

        var scope = await bed.Resolver.ForCuratorAsync(saved.Id, curator);

        Assert.Equal(70, scope.MinQualityScore);
        Assert.Equal(new[] { good.Id, exact.Id }.Order(), (await bed.IndicatorsAsync(scope)).Select(i => i.Id).Order());
        Assert.Equal([goodReport.Id], (await bed.ReportsAsync(scope)).Select(r => r.Id));
        Assert.Equal(new CuratedSetCounts(2, 1), await bed.Resolver.CountAsync(scope));
        Assert.Equal(70, (await bed.Store.OpenAsync(saved.Id, curator)).Draft.MinQualityScore);
        var everything = await bed.Resolver.ForCuratorAsync(unfiltered.Id, curator);
        Assert.Equal(new CuratedSetCounts(4, 3), await bed.Resolver.CountAsync(everything));
    }

    [Fact]
    public async Task Items_stream_by_change_time_then_id_and_since_yields_only_later_changes()
    {
        var bed = await FreshAsync();
        DateTime[] times = [Now.AddDays(-3), Now.AddDays(-1), Now.AddDays(-2), Now.AddDays(-1), Now.AddDays(-1)];
        var indicators = new List<Indicator>();
        var reports = new List<ThreatReport>();
        foreach (var time in times)
        {
            indicators.Add(await bed.LooseIndicatorAsync(CuratedSetTestBed.Indicator(updatedAt: time)));
            reports.Add(await bed.ReportAsync(r => r.UpdatedAt = time));
        }

        var (_, organisation, saved) = await bed.SavedSetAsync();
        var scope = await bed.Resolver.ForOrganisationAsync(saved.Id, organisation);
        var since = Now.AddDays(-2);

        Assert.Equal(Ordered(indicators.Select(i => (i.UpdatedAt, i.Id))), (await bed.IndicatorsAsync(scope)).Select(i => i.Id));
        Assert.Equal(Ordered(reports.Select(r => (r.UpdatedAt, r.Id))), (await bed.ReportsAsync(scope)).Select(r => r.Id));
        Assert.Equal(
            Ordered(indicators.Where(i => i.UpdatedAt > since).Select(i => (i.UpdatedAt, i.Id))),
            (await bed.IndicatorsAsync(scope, since)).Select(i => i.Id));
        Assert.Equal(
            Ordered(reports.Where(r => r.UpdatedAt > since).Select(r => (r.UpdatedAt, r.Id))),
            (await bed.ReportsAsync(scope, since)).Select(r => r.Id));
        Assert.Equal(new CuratedSetCounts(3, 3), await bed.Resolver.CountAsync(scope, since));
        Assert.Equal((await bed.IndicatorsAsync(scope)).Select(i => i.Id), (await bed.IndicatorsAsync(scope)).Select(i => i.Id));
    }

    [Fact]
    public async Task More_reports_than_one_batch_all_arrive_in_order_with_their_own_indicators()
    {
        var bed = await FreshAsync();
        var author = await bed.UserAsync(PortalRoles.Contributor);
        var count = CuratedSetResolver.ReportBatchSize + 3;
        await using (var db = bed.Db())
        {
            for (var n = 0; n < count; n++)
            {
                var indicator = CuratedSetTestBed.Indicator();
                indicator.CreatedById = author;
                var report = new ThreatReport
                {
                    Title = $"Batch {n}", Summary = "s", BodyMarkdown = "b", Status = ContentStatus.Published, Tlp = Tlp.Clear,
                    AuthorId = author, UpdatedAt = Now.AddMinutes(-n % 7), PublishedAt = Now.AddDays(-1),
                };
                report.Indicators.Add(new ReportIndicator { Report = report, Indicator = indicator });
                db.Reports.Add(report);
            }

            await db.SaveChangesAsync();
        }

        var (_, organisation, saved) = await bed.SavedSetAsync();
        var scope = await bed.Resolver.ForOrganisationAsync(saved.Id, organisation);

        var exported = await bed.ReportsAsync(scope);

        Assert.Equal(count, exported.Count);
        Assert.Equal(Ordered(exported.Select(r => (r.UpdatedAt, r.Id))), exported.Select(r => r.Id));
        await using var check = bed.Db();
        var links = check.ReportIndicators.ToLookup(l => l.ReportId, l => l.IndicatorId);
        Assert.All(exported, r => Assert.Equal(links[r.Id], r.IndicatorIds));
    }

    [Fact]
    public async Task A_report_carries_sorted_techniques_and_references_and_the_count_of_scored_reviews_behind_its_score()
    {
        var bed = await FreshAsync();
        var reviewers = new[] { await bed.UserAsync(PortalRoles.Reviewer), await bed.UserAsync(PortalRoles.Reviewer), await bed.UserAsync(PortalRoles.Reviewer) };
        var report = await bed.ReportAsync(r => (r.Version, r.CatalogueScore) = (2, 4.0), null, "AML.T0020", "AML.T0010");
        await using (var db = bed.Db())
        {
            Review Scored(string reviewer, int version, int score) => new()
            {
                ReportId = report.Id, ReportVersion = version, ReviewerId = reviewer, Decision = ReviewDecision.Approve,
                EvidenceScore = score, SpecificityScore = score, CorrectnessScore = score, NoveltyScore = score, CompletenessScore = score,
            };
            db.Reviews.AddRange(Scored(reviewers[0], 2, 4), Scored(reviewers[1], 2, 4), Scored(reviewers[2], 2, 0), Scored(reviewers[2], 1, 3));
            await db.SaveChangesAsync();
        }

        var (_, organisation, saved) = await bed.SavedSetAsync();
        var exported = Assert.Single(await bed.ReportsAsync(await bed.Resolver.ForOrganisationAsync(saved.Id, organisation)));

        Assert.Equal(["AML.T0010", "AML.T0020"], exported.TechniqueIds);
        Assert.Equal(["https://example.org/a", "https://example.org/b"], exported.References.Select(r => r.Url));
        Assert.Equal((4.0, 2, 2), (exported.MeanReviewScore, exported.ReviewCount, exported.Version));
        Assert.Equal(report.PublishedAt, exported.PublishedAt);
    }

    /// <summary>The order both databases give: change time, then the id as its text (uuid and TEXT agree on it).</summary>
    private static List<Guid> Ordered(IEnumerable<(DateTime At, Guid Id)> items) =>
        items.OrderBy(i => i.At).ThenBy(i => i.Id.ToString(), StringComparer.Ordinal).Select(i => i.Id).ToList();
}

public sealed class SqliteCuratedSetResolverTests(SqliteDatabases databases)
    : CuratedSetResolverTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresCuratedSetResolverTests(PostgresDatabases databases)
    : CuratedSetResolverTests(databases), IClassFixture<PostgresDatabases>;
