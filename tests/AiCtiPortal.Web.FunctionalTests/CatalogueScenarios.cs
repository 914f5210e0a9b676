using System.Net;
using System.Text.RegularExpressions;
using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>
/// The catalogue pages driven by their addresses: every facet, chip, sort and page is a link whose query string
/// round-trips, so a search can be bookmarked. Each test marks its reports with a word of its own and searches for it.
/// </summary>
public abstract partial class CatalogueScenarios(PortalFactory factory)
{
    private const string Password = "Correct-Horse-42";

    private static string NewMarker() => $"cat{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task Facet_links_carry_the_search_and_narrow_the_results()
    {
        var marker = NewMarker();
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        await AddAsync(author.Id, $"{marker} data report", r => r.Phases = SupplyChainPhase.Data);
        await AddAsync(author.Id, $"{marker} training report", r => r.Phases = SupplyChainPhase.Training);
        var client = factory.CreatePortalClient();

        var all = await client.GetStringAsync($"/reports?q={marker}");
        var dataLink = FacetHref(all, "phase", "Data");
        var narrowed = await client.GetStringAsync("/" + dataLink);

        Assert.Contains($"{marker} data report", all);
        Assert.Contains($"{marker} training report", all);
        Assert.Equal($"reports?q={marker}&phase=Data", dataLink);
        Assert.Contains($"{marker} data report", narrowed);
        Assert.DoesNotContain($"{marker} training report", narrowed);
        Assert.Contains("1 report", narrowed);
        // The chip removes the filter again, keeping the search.
        Assert.Contains($"href=\"reports?q={marker}\"", WebUtility.HtmlDecode(narrowed));
    }

    [Fact]
    public async Task Every_filter_in_the_address_round_trips_into_the_search_form()
    {
        var marker = NewMarker();
        var url = $"/reports?q={marker}&phase=Data,Training&technique=AML.T0010&type=Url&tlp=Clear&conf=50-74&published=30d&score=3&sort=score&page=2";

        var response = await factory.CreatePortalClient().GetAsync(url);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"value=\"{marker}\"", html);
        foreach (var (name, value) in new[]
                 {
                     ("phase", "Data,Training"), ("technique", "AML.T0010"), ("type", "Url"), ("tlp", "Clear"), ("conf", "50-74"),
                     ("published", "30d"), ("score", "3"), ("sort", "score"),
                 })
        {
            Assert.Contains($"<input type=\"hidden\" name=\"{name}\" value=\"{value}\"", html);
        }

        // Removing one chip keeps every other filter and goes back to page 1.
        Assert.Contains($"href=\"reports?q={marker}&phase=Training&technique=AML.T0010&type=Url&tlp=Clear&conf=50-74&published=30d&score=3&sort=score\"", html);
    }

    [Theory]
    [InlineData("/reports?phase=Nope,63&tlp=Purple,7&conf=abc&published=-3d&score=9&sort=drop&page=-4")]
    [InlineData("/reports?q=%22unbalanced%20AND%20(")]
    [InlineData("/indicators?type=Nope&tlp=9&sort=x&page=zz&q=%25_")]
    public async Task Nonsense_in_the_address_is_ignored_not_an_error(string url)
    {
        var response = await factory.CreatePortalClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"catalogue-search\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anonymous_facets_never_show_a_count_above_TLP_CLEAR()
    {
        var marker = NewMarker();
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        await AddAsync(author.Id, $"{marker} clear");
        await AddAsync(author.Id, $"{marker} amber", r => r.Tlp = Tlp.Amber);

        var html = await factory.CreatePortalClient().GetStringAsync($"/reports?q={marker}&tlp=Amber");
        var open = await factory.CreatePortalClient().GetStringAsync($"/reports?q={marker}");

        Assert.Contains("0 reports", html);
        Assert.DoesNotContain($"{marker} amber", html + open);
        Assert.Contains("1 report", open);
        Assert.DoesNotContain("data-facet-value=\"Amber\"", open);
    }

    [Fact]
    public async Task Pages_of_results_are_links_and_do_not_overlap()
    {
        var marker = NewMarker();
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var at = DateTime.UtcNow;
        for (var i = 0; i < 23; i++)
        {
            await AddAsync(author.Id, $"{marker} number {i:D2}", r => r.PublishedAt = at);
        }

        var client = factory.CreatePortalClient();
        var first = await client.GetStringAsync($"/reports?q={marker}");
        var second = await client.GetStringAsync($"/reports?q={marker}&page=2");

        Assert.Contains("23 reports", first);
        Assert.Contains($"href=\"reports?q={marker}&amp;page=2\"", first);
        var firstIds = ReportIds(first);
        var secondIds = ReportIds(second);
        Assert.Equal(20, firstIds.Count);
        Assert.Equal(3, secondIds.Count);
        Assert.Empty(firstIds.Intersect(secondIds));
    }

    [Fact]
    public async Task Indicator_search_finds_a_hash_by_its_prefix_and_filters_by_type()
    {
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var hash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());
        await AddAsync(author.Id, $"{NewMarker()} hash carrier", indicator: (IndicatorType.ModelFileSha256, hash));
        var client = factory.CreatePortalClient();

        var byPrefix = await client.GetStringAsync($"/indicators?q={hash[..12]}");
        var wrongType = await client.GetStringAsync($"/indicators?q={hash[..12]}&type=Url");
        var reports = await client.GetStringAsync($"/reports?q={hash[..12]}");

        Assert.Contains(hash, byPrefix);
        Assert.DoesNotContain(hash, wrongType);
        Assert.Contains("hash carrier", reports);
    }

    [Fact]
    public async Task Report_page_shows_scores_related_reports_and_the_authors_reputation()
    {
        var marker = NewMarker();
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var subject = await AddAsync(author.Id, $"{marker} subject", r => r.Techniques.Add(new ReportTechnique { TechniqueId = "AML.T0010" }));
        await AddAsync(author.Id, $"{marker} sibling", r => r.Techniques.Add(new ReportTechnique { TechniqueId = "AML.T0010" }));

        var html = await factory.CreatePortalClient().GetStringAsync($"/reports/{subject}");

        Assert.Contains("data-testid=\"report-scores\"", html);
        Assert.Contains("data-testid=\"related-reports\"", html);
        Assert.Contains($"{marker} sibling", html);
        Assert.Contains("data-testid=\"author-reputation\"", html);
        Assert.Contains("2 accepted reports", html);
    }

    private async Task<Guid> AddAsync(string authorId, string title, Action<ThreatReport>? shape = null,
        (IndicatorType Type, string Value)? indicator = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var report = new ThreatReport
        {
            Title = title, Summary = "Written by a catalogue test.", BodyMarkdown = "Body.", Tlp = Tlp.Clear,
            Status = ContentStatus.Published, AuthorId = authorId, Phases = SupplyChainPhase.ModelArtifact,
            PublishedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        shape?.Invoke(report);
        if (indicator is { } row)
        {
            var normalized = IndicatorCatalogue.Validate(row.Type, row.Value).NormalizedValue!;
            report.Indicators.Add(new ReportIndicator
            {
                Report = report,
                Indicator = new Indicator
                {
                    Type = row.Type, Value = row.Value, NormalizedValue = normalized, ValueHash = IndicatorCatalogue.ValueHash(row.Type, normalized),
                    Tlp = Tlp.Clear, Status = ContentStatus.Published, CreatedById = authorId,
                },
            });
        }

        CatalogueStatistics.Apply(report, []);
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }

    private static string FacetHref(string html, string facet, string value)
    {
        var section = html[html.IndexOf($"data-testid=\"facet-{facet}\"", StringComparison.Ordinal)..];
        var match = Regex.Match(section, $"<a href=\"(?<href>[^\"]*)\"[^>]*data-facet-value=\"{Regex.Escape(value)}\"");
        Assert.True(match.Success, $"No {facet} facet link for {value}.");
        return WebUtility.HtmlDecode(match.Groups["href"].Value);
    }

    private static HashSet<Guid> ReportIds(string html) =>
        ReportLink().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToHashSet();

    [GeneratedRegex("href=\"reports/([0-9a-f-]{36})\"")]
    private static partial Regex ReportLink();
}

public sealed class SqliteCatalogueScenarios(SqlitePortalFactory factory)
    : CatalogueScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresCatalogueScenarios(PostgresPortalFactory factory)
    : CatalogueScenarios(factory), IClassFixture<PostgresPortalFactory>;
