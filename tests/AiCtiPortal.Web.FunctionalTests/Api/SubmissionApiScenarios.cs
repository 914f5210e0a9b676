using System.Net;
using System.Net.Http.Json;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Web.FunctionalTests.Api;

/// <summary>POST /api/v1/indicators through the real host, once per database.</summary>
public abstract class SubmissionApiScenarios(PortalFactory factory)
{
    private readonly ApiTestBed _bed = new(factory);

    [Fact]
    public async Task A_submission_becomes_a_draft_in_review_through_the_workflow_with_normalisation_notes()
    {
        var (userId, token) = await _bed.TokenAsync(ApiTokenScopes.SubmitIndicators, null, PortalRoles.Contributor);
        var body = new
        {
            title = "Typosquatted model hub mirror",
            summary = "A mirror serving poisoned checkpoints.",
            tlp = "Green",
            indicators = new object[]
            {
                new { type = "Domain", value = "  Mirror.Example.ORG ", description = "serves the checkpoints" },
                new { type = "PickleImport", value = "posix.system" },
            },
        };

        using var response = await _bed.PostJsonAsync("/api/v1/indicators", token, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await ApiTestBed.JsonAsync(response);
        var reportId = result.GetProperty("reportId").GetGuid();
        Assert.Equal($"/reports/{reportId}", response.Headers.Location?.OriginalString);
        Assert.Equal(("InReview", 1), (result.GetProperty("status").GetString(), result.GetProperty("version").GetInt32()));
        var domain = result.GetProperty("indicators")[0];
        Assert.Equal("mirror.example.org", domain.GetProperty("normalizedValue").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, domain.GetProperty("notes").ValueKind);
        await using var db = await _bed.ContextAsync();
        var report = await db.Reports.Include(r => r.Indicators).ThenInclude(l => l.Indicator).SingleAsync(r => r.Id == reportId);
        Assert.Equal((userId, ContentStatus.InReview, Tlp.Green), (report.AuthorId, report.Status, report.Tlp));
        Assert.All(report.Indicators, l => Assert.Equal(ContentStatus.InReview, l.Indicator!.Status));
        Assert.Equal(2, report.Indicators.Count);
        var audit = await db.AuditEntries.Where(a => a.EntityId == reportId.ToString()).OrderBy(a => a.At).Select(a => new { a.Action, a.ActorId }).ToListAsync();
        Assert.Equal(["Create", "Submit"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(userId, a.ActorId));
    }

    [Fact]
    public async Task Every_invalid_value_is_listed_in_one_400_and_nothing_is_saved()
    {
        var (userId, token) = await _bed.TokenAsync(ApiTokenScopes.SubmitIndicators, null, PortalRoles.Contributor);
        var body = new
        {
            title = "Bad batch",
            summary = "Values that do not validate.",
            tlp = "Beige",
            indicators = new object[]
            {
                new { type = "Domain", value = "not a domain" },
                new { type = "Url", value = "https://ok.example.org/" },
                new { type = "Gadget", value = "x" },
                new { type = "ModelFileSha256", value = "1234" },
            },
        };

        using var response = await _bed.PostJsonAsync("/api/v1/indicators", token, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiTestBed.ProblemAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith("tlp:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("indicators[0]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("indicators[2].type", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("indicators[3]", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("indicators[1]", StringComparison.Ordinal));
        await using var db = await _bed.ContextAsync();
        Assert.False(await db.Reports.AnyAsync(r => r.AuthorId == userId));
    }

    [Fact]
    public async Task An_oversized_submission_is_refused_with_413_and_the_limit()
    {
        var (_, token) = await _bed.TokenAsync(ApiTokenScopes.SubmitIndicators, null, PortalRoles.Contributor);
        var body = new { title = "Huge", summary = "Too big.", tlp = "Green", indicators = new[] { new { type = "PromptPattern", value = new string('a', 1_100_000) } } };

        using var response = await _bed.PostAsync("/api/v1/indicators", token, JsonContent.Create(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1 MiB", (await ApiTestBed.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_needs_the_submit_scope()
    {
        var (_, token) = await _bed.TokenAsync(ApiTokenScopes.ReadCatalogue | ApiTokenScopes.ReportSightings, null, PortalRoles.Contributor);

        using var response = await _bed.PostJsonAsync("/api/v1/indicators", token, new { title = "t" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SubmitIndicators", (await ApiTestBed.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteSubmissionApiScenarios(SqlitePortalFactory factory)
    : SubmissionApiScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresSubmissionApiScenarios(PostgresPortalFactory factory)
    : SubmissionApiScenarios(factory), IClassFixture<PostgresPortalFactory>;
