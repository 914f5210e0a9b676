using System.Net;
using System.Net.Http.Json;
using System.Text;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Web.FunctionalTests.Api;

/// <summary>POST /api/v1/sightings through the real host, once per database.</summary>
public abstract class SightingApiScenarios(PortalFactory factory)
{
    private readonly ApiTestBed _bed = new(factory);

    [Fact]
    public async Task Sightings_raise_the_indicators_count_and_a_retried_id_is_not_counted_twice()
    {
        var published = await _bed.PublishedAsync(Marker(), Tlp.Green);
        var (_, token) = await _bed.TokenAsync(ApiTokenScopes.ReportSightings | ApiTokenScopes.ReadCatalogue, null, PortalRoles.Consumer, PortalRoles.Contributor);
        var seenAt = DateTime.UtcNow.AddMinutes(-30);
        var body = new { type = "Url", value = published.Value, seenAt, count = 3, source = "edge proxy", id = "batch-0001" };

        using var first = await _bed.PostJsonAsync("/api/v1/sightings", token, body);
        using var retry = await _bed.PostJsonAsync("/api/v1/sightings", token, body);
        using var byId = await _bed.PostJsonAsync("/api/v1/sightings", token, new { indicatorId = published.Indicator });
        using var detail = await _bed.GetAsync($"/api/v1/indicators/{published.Indicator}", token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var recorded = await ApiTestBed.JsonAsync(first);
        Assert.Equal((published.Indicator, 3, false),
            (recorded.GetProperty("indicatorId").GetGuid(), recorded.GetProperty("sightingCount").GetInt32(), recorded.GetProperty("replayed").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var replayed = await ApiTestBed.JsonAsync(retry);
        Assert.Equal(recorded.GetProperty("sightingId").GetGuid(), replayed.GetProperty("sightingId").GetGuid());
        Assert.True(replayed.GetProperty("replayed").GetBoolean());
        Assert.Equal(4, (await ApiTestBed.JsonAsync(byId)).GetProperty("sightingCount").GetInt32());
        var indicator = await ApiTestBed.JsonAsync(detail);
        Assert.Equal(4, indicator.GetProperty("sightingCount").GetInt32());
        Assert.Equal(seenAt, indicator.GetProperty("firstSeen").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        await using var db = await _bed.ContextAsync();
        Assert.Equal(2, await db.Sightings.CountAsync(s => s.IndicatorId == published.Indicator));
    }

    [Fact]
    public async Task Indicators_above_the_tokens_clearance_cannot_be_sighted_and_answer_404()
    {
        var amber = await _bed.PublishedAsync(Marker(), Tlp.Amber);
        var (_, token) = await _bed.TokenAsync(ApiTokenScopes.ReportSightings, null, PortalRoles.Contributor);

        using var byId = await _bed.PostJsonAsync("/api/v1/sightings", token, new { indicatorId = amber.Indicator });
        using var byValue = await _bed.PostJsonAsync("/api/v1/sightings", token, new { type = "Url", value = amber.Value });

        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byValue.StatusCode);
        await using var db = await _bed.ContextAsync();
        Assert.Equal(0, await db.Indicators.Where(i => i.Id == amber.Indicator).Select(i => i.SightingCount).SingleAsync());
    }

    [Fact]
    public async Task Bad_sightings_answer_400_with_every_reason_and_oversized_bodies_413()
    {
        var (_, token) = await _bed.TokenAsync(ApiTokenScopes.ReportSightings, null, PortalRoles.Consumer);

        using var invalid = await _bed.PostJsonAsync("/api/v1/sightings", token,
            new { indicatorId = Guid.NewGuid(), seenAt = DateTime.UtcNow.AddDays(2), count = 0, id = "has spaces" });
        using var badType = await _bed.PostJsonAsync("/api/v1/sightings", token, new { type = "Gadget", value = "x" });
        using var notJson = await _bed.PostAsync("/api/v1/sightings", token, new StringContent("{\"count\": \"many\"}", Encoding.UTF8, "application/json"));
        using var huge = await _bed.PostAsync("/api/v1/sightings", token,
            JsonContent.Create(new { indicatorId = Guid.NewGuid(), note = new string('n', 40_000) }));
        using var text = await _bed.PostAsync("/api/v1/sightings", token, new StringContent("hello", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await ApiTestBed.ProblemAsync(invalid)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("in the future", StringComparison.Ordinal));
        Assert.Contains("Gadget", (await ApiTestBed.ProblemAsync(badType)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("$.count", (await ApiTestBed.ProblemAsync(notJson)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("16 KiB", (await ApiTestBed.ProblemAsync(huge)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task Sightings_need_the_report_sightings_scope()
    {
        var published = await _bed.PublishedAsync(Marker(), Tlp.Clear);
        var (_, token) = await _bed.TokenAsync(ApiTokenScopes.ReadCatalogue, null, PortalRoles.Consumer);

        using var response = await _bed.PostJsonAsync("/api/v1/sightings", token, new { indicatorId = published.Indicator });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("ReportSightings", (await ApiTestBed.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string Marker() => $"apis{Guid.NewGuid():N}"[..16];
}

public sealed class SqliteSightingApiScenarios(SqlitePortalFactory factory)
    : SightingApiScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresSightingApiScenarios(PostgresPortalFactory factory)
    : SightingApiScenarios(factory), IClassFixture<PostgresPortalFactory>;
