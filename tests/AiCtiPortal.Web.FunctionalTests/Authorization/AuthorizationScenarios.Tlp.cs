using System.Net;
using AiCtiPortal.Domain.Taxonomy;

namespace AiCtiPortal.Web.FunctionalTests.Authorization;

public abstract partial class AuthorizationScenarios<TFactory>
{
    // The list pages prerender their first page (20 reports, 25 indicators); expected sets must fit in it.
    private const int ReportPage = 20;
    private const int IndicatorPage = 25;
    private const string SecondReviewer = "reviewer2@demo.aicti.local";

    [Fact]
    public void The_demo_consumer_is_cleared_for_AMBER()
    {
        Assert.Equal(Tlp.Amber, Content.ConsumerClearance);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ProbeSet.Marker)]
    [InlineData("model")]
    public async Task Report_list_and_search_show_each_audience_exactly_the_reports_the_TLP_rule_allows(string? search)
    {
        var mismatches = new List<string>();
        foreach (var audience in Audiences.All)
        {
            // Catalogue search matches titles and summaries, and the values of indicators the audience may see.
            var expected = Content.CatalogueReportsFor(audience)
                .Where(r => search is null || Matches(search, r.Title, r.Summary) || Content.IndicatorsOfReport[r.Id]
                    .Select(id => Content.Indicators.Single(i => i.Id == id))
                    .Any(i => Content.CanSee(audience, i) && i.Status == ContentStatus.Published && Matches(search, i.NormalizedValue)))
                .ToDictionary(r => r.Id, r => $"'{r.Title}' ({r.Tlp}, {r.Status})");
            Assert.True(expected.Count <= ReportPage, $"{audience} may see {expected.Count} reports; the check reads one page of {ReportPage}.");
            var url = search is null ? "/reports" : $"/reports?q={Uri.EscapeDataString(search)}";
            var html = await ClientFor(audience).GetStringAsync(url);

            mismatches.AddRange(Differences($"{audience} {url}", PageLinks.IdsLinkedUnder(html, "reports"), expected, ReportName));
        }

        AssertNone(mismatches, "report list differences");
    }

    [Fact]
    public async Task Indicator_list_per_type_shows_each_audience_exactly_the_indicators_the_TLP_rule_allows()
    {
        var mismatches = new List<string>();
        var types = Content.Indicators.Select(i => i.Type).Distinct().Order().ToList();
        foreach (var audience in Audiences.All)
        {
            // One request per type: every per-type list fits in a page, and together they cover the whole list.
            foreach (var type in types)
            {
                var expected = Content.CatalogueIndicatorsFor(audience).Where(i => i.Type == type)
                    .ToDictionary(i => i.Id, i => $"'{i.NormalizedValue}' ({i.Tlp}, {i.Status})");
                Assert.True(expected.Count <= IndicatorPage, $"{audience} may see {expected.Count} {type} indicators; the check reads one page.");
                var url = $"/indicators?type={type}";
                var html = await ClientFor(audience).GetStringAsync(url);
                mismatches.AddRange(Differences($"{audience} {url}", PageLinks.IdsLinkedUnder(html, "indicators"), expected, IndicatorName));
            }

            var search = $"/indicators?q={ProbeSet.IndicatorMarker}";
            var searchExpected = Content.CatalogueIndicatorsFor(audience)
                .Where(i => Matches(ProbeSet.IndicatorMarker, i.NormalizedValue))
                .ToDictionary(i => i.Id, i => $"'{i.NormalizedValue}' ({i.Tlp}, {i.Status})");
            var found = await ClientFor(audience).GetStringAsync(search);
            mismatches.AddRange(Differences($"{audience} {search}", PageLinks.IdsLinkedUnder(found, "indicators"), searchExpected, IndicatorName));
        }

        AssertNone(mismatches, "indicator list differences");
    }

    [Fact]
    public async Task Dashboard_counts_and_latest_reports_match_what_the_TLP_rule_allows()
    {
        var mismatches = new List<string>();
        foreach (var audience in Audiences.All)
        {
            var published = Content.ReportsFor(audience).Where(r => r.Status == ContentStatus.Published).ToList();
            var indicators = Content.IndicatorsFor(audience).Count(i => i.Status == ContentStatus.Published);
            var html = await ClientFor(audience).GetStringAsync("/");

            var reportCount = PageLinks.Counter(html, "count-reports");
            var indicatorCount = PageLinks.Counter(html, "count-indicators");
            if (reportCount != published.Count)
            {
                mismatches.Add($"{audience} /: {reportCount} published reports counted, {published.Count} visible");
            }

            if (indicatorCount != indicators)
            {
                mismatches.Add($"{audience} /: {indicatorCount} indicators counted, {indicators} visible");
            }

            // "Latest published" lists the newest eight; each must be one the viewer may see.
            var latest = PageLinks.IdsLinkedUnder(html, "reports");
            var allowed = published.Select(r => r.Id).ToHashSet();
            mismatches.AddRange(latest.Where(id => !allowed.Contains(id)).Select(id => $"{audience} /: lists {ReportName(id)}"));
            if (latest.Count != Math.Min(8, published.Count))
            {
                mismatches.Add($"{audience} /: lists {latest.Count} latest reports, expected {Math.Min(8, published.Count)}");
            }
        }

        AssertNone(mismatches, "dashboard differences");
    }

    [Fact]
    public async Task Report_details_above_clearance_are_not_found_and_show_only_visible_indicators()
    {
        var mismatches = new List<string>();
        foreach (var audience in Audiences.All)
        {
            foreach (var report in Content.Reports)
            {
                using var response = await ClientFor(audience).GetAsync($"/reports/{report.Id}");
                var html = await response.Content.ReadAsStringAsync();
                var where = $"{audience} /reports/{report.Id} '{report.Title}' ({report.Tlp}, {report.Status})";
                if (!Content.CanSee(audience, report))
                {
                    if (response.StatusCode != HttpStatusCode.NotFound || html.Contains(report.Title, StringComparison.Ordinal))
                    {
                        mismatches.Add($"{where}: expected a plain 404, got {(int)response.StatusCode}");
                    }

                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    mismatches.Add($"{where}: expected 200, got {(int)response.StatusCode}");
                    continue;
                }

                var expected = Content.IndicatorsOfReport[report.Id]
                    .Select(id => Content.Indicators.Single(i => i.Id == id))
                    .Where(i => Content.CanSee(audience, i))
                    .ToDictionary(i => i.Id, i => $"'{i.NormalizedValue}' ({i.Tlp}, {i.Status})");
                mismatches.AddRange(Differences(where, PageLinks.IdsLinkedUnder(html, "indicators"), expected, IndicatorName));
            }
        }

        AssertNone(mismatches, "report detail differences");
    }

    [Fact]
    public async Task Indicator_details_above_clearance_are_not_found_and_link_only_visible_reports()
    {
        var mismatches = new List<string>();
        foreach (var audience in Audiences.All)
        {
            foreach (var indicator in Content.Indicators)
            {
                using var response = await ClientFor(audience).GetAsync($"/indicators/{indicator.Id}");
                var html = await response.Content.ReadAsStringAsync();
                var where = $"{audience} /indicators/{indicator.Id} '{indicator.NormalizedValue}' ({indicator.Tlp}, {indicator.Status})";
                if (!Content.CanSee(audience, indicator))
                {
                    if (response.StatusCode != HttpStatusCode.NotFound || html.Contains(indicator.NormalizedValue, StringComparison.Ordinal))
                    {
                        mismatches.Add($"{where}: expected a plain 404, got {(int)response.StatusCode}");
                    }

                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    mismatches.Add($"{where}: expected 200, got {(int)response.StatusCode}");
                    continue;
                }

                var allowed = Content.ReportsFor(audience).Select(r => r.Id).ToHashSet();
                mismatches.AddRange(PageLinks.IdsLinkedUnder(html, "reports").Where(id => !allowed.Contains(id))
                    .Select(id => $"{where}: links {ReportName(id)}"));
            }
        }

        AssertNone(mismatches, "indicator detail differences");
    }

    [Fact]
    public async Task Review_queue_lists_only_other_peoples_submissions_within_the_reviewers_clearance()
    {
        using var secondReviewer = await fixture.SignedInClientAsync(SecondReviewer);
        // The second demo reviewer belongs to an AMBER-cleared organisation (decision 0005), so the two queues differ.
        var reviewers = new[]
        {
            (Email: Audiences.EmailOf(Audience.Reviewer), Client: ClientFor(Audience.Reviewer), Ceiling: Content.CeilingOf(Audience.Reviewer)),
            (Email: SecondReviewer, Client: secondReviewer, Ceiling: Tlp.Amber),
        };
        var mismatches = new List<string>();
        foreach (var (email, client, ceiling) in reviewers)
        {
            var me = Content.UserIdOf(email);
            var expected = Content.Reports
                .Where(r => r.Status == ContentStatus.InReview && r.AuthorId != me && r.Tlp <= ceiling)
                .ToDictionary(r => r.Id, r => $"'{r.Title}' ({r.Tlp}, {r.Status})");
            var html = await client.GetStringAsync("/reviews");
            Assert.NotEmpty(expected); // the probes put submissions in every reviewer's queue
            mismatches.AddRange(Differences($"{email} /reviews", PageLinks.IdsLinkedUnder(html, "reviews"), expected, ReportName));
        }

        AssertNone(mismatches, "review queue differences");
    }

    [Fact]
    public async Task Reviewer_opening_their_own_submission_gets_the_refusal_and_no_decision_form()
    {
        var own = Content.Reports.Single(r => r.Title == $"{ProbeSet.Marker} reviewers-own-green");

        var html = await ClientFor(Audience.Reviewer).GetStringAsync($"/reviews/{own.Id}");

        Assert.Contains("data-testid=\"review-refused\"", html);
        Assert.DoesNotContain("data-testid=\"review-form\"", html);
    }

    [Fact]
    public async Task Reviewer_opening_a_submission_above_their_clearance_sees_nothing_of_it()
    {
        var amber = Content.Reports.Single(r => r.Title == $"{ProbeSet.Marker} in-review-amber");

        using var response = await ClientFor(Audience.Reviewer).GetAsync($"/reviews/{amber.Id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain(amber.Title, html);
        Assert.DoesNotContain("data-testid=\"review-form\"", html);
    }

    private static bool Matches(string search, params string[] fields)
    {
        var term = search.Trim().ToLowerInvariant();
        return fields.Any(f => f.ToLowerInvariant().Contains(term, StringComparison.Ordinal));
    }
}
