using System.Net;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;

namespace AiCtiPortal.Web.FunctionalTests.Api;

/// <summary>GET /api/v1/reports and /api/v1/indicators through the real host, once per database.</summary>
public abstract class CatalogueApiScenarios(PortalFactory factory)
{
    private readonly ApiTestBed _bed = new(factory);

    [Fact]
    public async Task A_green_cleared_token_never_sees_amber_in_lists_counts_or_by_id()
    {
        var marker = Marker();
        var green = await _bed.PublishedAsync(marker, Tlp.Green);
        var amber = await _bed.PublishedAsync(marker, Tlp.Amber);
        var (_, greenToken) = await _bed.TokenAsync(ApiTokenScopes.ReadCatalogue, null, PortalRoles.Contributor);
        var (_, amberToken) = await _bed.TokenAsync(ApiTokenScopes.ReadCatalogue, Tlp.Amber, PortalRoles.Consumer);

        using var greenReports = await _bed.GetAsync($"/api/v1/reports?q={marker}", greenToken);
        using var greenAmberFilter = await _bed.GetAsync($"/api/v1/reports?q={marker}&tlp=Amber", greenToken);
        using var greenIndicators = await _bed.GetAsync($"/api/v1/indicators?q={marker}", greenToken);
        using var amberReports = await _bed.GetAsync($"/api/v1/reports?q={marker}", amberToken);
        using var amberIndicators = await _bed.GetAsync($"/api/v1/indicators?q={marker}", amberToken);

        var reports = await ApiTestBed.JsonAsync(greenReports);
        Assert.Equal([green.Report], ApiTestBed.Ids(reports));
        Assert.Equal(1, reports.GetProperty("totalCount").GetInt32());
        Assert.Equal(0, (await ApiTestBed.JsonAsync(greenAmberFilter)).GetProperty("totalCount").GetInt32());
        Assert.Equal([green.Indicator], ApiTestBed.Ids(await ApiTestBed.JsonAsync(greenIndicators)));
        Assert.Equal(new[] { amber.Report, green.Report }.Order(), ApiTestBed.Ids(await ApiTestBed.JsonAsync(amberReports)).Order());
        Assert.Equal(2, (await ApiTestBed.JsonAsync(amberIndicators)).GetProperty("totalCount").GetInt32());

        foreach (var url in new[] { $"/api/v1/reports/{amber.Report}", $"/api/v1/indicators/{amber.Indicator}", $"/api/v1/reports/{Guid.NewGuid()}" })
        {
            using var hidden = await _bed.GetAsync(url, greenToken);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
            Assert.Equal(404, (await ApiTestBed.ProblemAsync(hidden)).GetProperty("status").GetInt32());
        }

        using var amberDetail = await _bed.GetAsync($"/api/v1/reports/{amber.Report}", amberToken);
        Assert.Equal(HttpStatusCode.OK, amberDetail.StatusCode);
    }

    [Fact]
    public async Task A_report_reads_with_its_visible_indicators_techniques_references_and_version()
    {
        var marker = Marker();
        var green = await _bed.PublishedAsync(marker, Tlp.Green);
        var (_, token) = await _bed.TokenAsync(ApiTokenScopes.ReadCatalogue, null, PortalRoles.Contributor);

        using var response = await _bed.GetAsync($"/api/v1/reports/{green.Report}", token);
        using var indicatorResponse = await _bed.GetAsync($"/api/v1/indicators/{green.Indicator}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await ApiTestBed.JsonAsync(response);
        Assert.Equal($"{marker} Green report", report.GetProperty("title").GetString());
        Assert.Equal("Green", report.GetProperty("tlp").GetString());
        Assert.Equal(1, report.GetProperty("version").GetInt32());
        Assert.Equal(["Deployment"], report.GetProperty("phases").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("AML.T0010", report.GetProperty("techniques")[0].GetProperty("id").GetString());
        Assert.Equal("https://example.org/advisory", report.GetProperty("references")[0].GetProperty("url").GetString());
        Assert.Equal(green.Indicator, report.GetProperty("indicators")[0].GetProperty("id").GetGuid());
        var indicator = await ApiTestBed.JsonAsync(indicatorResponse);
        Assert.Equal(("Url", 0), (indicator.GetProperty("type").GetString(), indicator.GetProperty("sightingCount").GetInt32()));
        Assert.Equal(green.Report, indicator.GetProperty("reports")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Lookup_normalises_the_value_and_finds_only_visible_published_indicators()
    {
        var marker = Marker();
        var green = await _bed.PublishedAsync(marker, Tlp.Green);
        var amber = await _bed.PublishedAsync(marker, Tlp.Amber);
        var (_, token) = await _bed.TokenAsync(ApiTokenScopes.ReadCatalogue, null, PortalRoles.Contributor);

        using var hit = await _bed.GetAsync($"/api/v1/indicators/lookup?type=url&value={Uri.EscapeDataString(green.Value.Replace(marker, marker.ToUpperInvariant(), StringComparison.Ordinal))}", token);
        using var hidden = await _bed.GetAsync($"/api/v1/indicators/lookup?type=Url&value={Uri.EscapeDataString(amber.Value)}", token);
        using var miss = await _bed.GetAsync($"/api/v1/indicators/lookup?type=Url&value={Uri.EscapeDataString($"https://{marker}.example.net/")}", token);
        using var invalid = await _bed.GetAsync("/api/v1/indicators/lookup?type=Url&value=not%20a%20url", token);
        using var unknownType = await _bed.GetAsync("/api/v1/indicators/lookup?type=Gadget&value=x", token);

        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        var found = await ApiTestBed.JsonAsync(hit);
        Assert.Equal(green.Indicator, found.GetProperty("matches")[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, miss.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("not a valid", (await ApiTestBed.ProblemAsync(invalid)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Gadget", (await ApiTestBed.ProblemAsync(unknownType)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_filters_and_bad_paging_answer_400_naming_each_parameter_and_page_size_is_capped()
    {
        var (_, token) = await _bed.TokenAsync(ApiTokenScopes.ReadCatalogue, null, PortalRoles.Contributor);

        using var bad = await _bed.GetAsync("/api/v1/reports?phase=Data,Cooking&tlp=Purple&conf=90-10&published=forever&score=9&sort=best&page=0", token);
        using var badIndicators = await _bed.GetAsync("/api/v1/indicators?type=Gadget&pageSize=-1", token);
        using var capped = await _bed.GetAsync("/api/v1/reports?pageSize=5000", token);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ApiTestBed.ProblemAsync(bad)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        foreach (var parameter in new[] { "phase:", "tlp:", "conf:", "published:", "score:", "sort:", "page:" })
        {
            Assert.Contains(errors, e => e.StartsWith(parameter, StringComparison.Ordinal));
        }

        Assert.Contains(errors, e => e.Contains("Cooking", StringComparison.Ordinal));
        Assert.Equal(2, (await ApiTestBed.ProblemAsync(badIndicators)).GetProperty("errors").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, capped.StatusCode);
        Assert.Equal(100, (await ApiTestBed.JsonAsync(capped)).GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task Catalogue_reads_need_the_read_scope()
    {
        var (_, token) = await _bed.TokenAsync(ApiTokenScopes.ReportSightings, null, PortalRoles.Contributor);

        foreach (var url in new[] { "/api/v1/reports", $"/api/v1/reports/{Guid.NewGuid()}", "/api/v1/indicators", $"/api/v1/indicators/{Guid.NewGuid()}", "/api/v1/indicators/lookup?type=Url&value=x" })
        {
            using var response = await _bed.GetAsync(url, token);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            using var anonymous = await _bed.GetAsync(url, null);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
    }

    private static string Marker() => $"apiq{Guid.NewGuid():N}"[..16];
}

public sealed class SqliteCatalogueApiScenarios(SqlitePortalFactory factory)
    : CatalogueApiScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresCatalogueApiScenarios(PostgresPortalFactory factory)
    : CatalogueApiScenarios(factory), IClassFixture<PostgresPortalFactory>;
