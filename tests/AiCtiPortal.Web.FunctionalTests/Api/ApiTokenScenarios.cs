using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests.Api;

/// <summary>Bearer tokens against /api/v1 through the real host, once per database, with a limit of 5 requests per token.</summary>
public abstract class ApiTokenScenarios(PortalFactory factory)
{
    public const int PermitLimit = 5;
    public const int WindowSeconds = 3600;
    private const string Password = "Correct-Horse-42";

    private ApiTokenService Tokens => factory.Services.GetRequiredService<ApiTokenService>();

    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_a_bearer_challenge_and_no_error_code()
    {
        using var response = await factory.CreatePortalClient().GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.DoesNotContain("error=", challenge.Parameter, StringComparison.Ordinal);
        var problem = await ProblemAsync(response);
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_unknown_expired_and_revoked_tokens_get_401_invalid_token_with_the_reason()
    {
        var user = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var expired = await CreateAsync(user.Id, ApiTokenScopes.ReadCatalogue);
        var revoked = await CreateAsync(user.Id, ApiTokenScopes.ReadCatalogue);
        await using (var db = await ContextAsync())
        {
            await db.ApiTokens.Where(t => t.Id == expired.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        }

        await Tokens.RevokeAsync(revoked.Id, user.Id);
        var cases = new[]
        {
            ("not-a-portal-token", "not an AiCtiPortal API token"),
            (ApiTokenSecret.Generate().Token, "not recognised"),
            (expired.Token, "expired on"),
            (revoked.Token, "revoked on"),
        };

        foreach (var (token, reason) in cases)
        {
            using var response = await GetAsync("/api/v1/me", token);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var challenge = Assert.Single(response.Headers.WwwAuthenticate).Parameter!;
            Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
            Assert.Contains($"error_description=\"", challenge, StringComparison.Ordinal);
            Assert.Contains(reason, challenge, StringComparison.Ordinal);
            Assert.Contains(reason, (await ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_signed_in_browser_session_does_not_open_the_api()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync("contributor@demo.aicti.local", PortalClient.DemoPassword);
        Assert.Contains("data-testid=\"current-user\"", await client.GetStringAsync("/"));

        using var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Me_says_who_a_personal_token_acts_for_with_its_scopes_and_expiry()
    {
        var user = await factory.CreateUserAsync(Password, PortalRoles.Contributor, PortalRoles.Reviewer);
        var created = await CreateAsync(user.Id, ApiTokenScopes.ReadCatalogue | ApiTokenScopes.SubmitIndicators);

        using var response = await GetAsync("/api/v1/me", created.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("user", me.GetProperty("kind").GetString());
        Assert.Equal(user.Id, me.GetProperty("userId").GetString());
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal([PortalRoles.Contributor, PortalRoles.Reviewer], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(nameof(Tlp.Green), me.GetProperty("clearance").GetString());
        var token = me.GetProperty("token");
        Assert.Equal(created.Id, token.GetProperty("id").GetGuid());
        Assert.Equal(created.Prefix, token.GetProperty("prefix").GetString());
        Assert.Equal(["ReadCatalogue", "SubmitIndicators"], token.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(created.ExpiresAt, token.GetProperty("expiresAt").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.DoesNotContain(created.Token, me.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_token_reads_as_a_consumer_at_the_organisations_clearance()
    {
        var curator = await factory.CreateUserAsync(Password, PortalRoles.Curator);
        var organisation = new Organisation { Name = $"API org {Guid.NewGuid():N}", Clearance = Tlp.Amber };
        await using (var db = await ContextAsync())
        {
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
        }

        var created = await Tokens.CreateForOrganisationAsync(organisation.Id, curator.Id,
            new ApiTokenRequest("Org feed", ApiTokenScopes.ReadCatalogue, DateTime.UtcNow.AddDays(30)));

        using var meResponse = await GetAsync("/api/v1/me", created.Token);
        using var countsResponse = await GetAsync("/api/v1/catalogue/counts", created.Token);

        var me = JsonDocument.Parse(await meResponse.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("organisation", me.GetProperty("kind").GetString());
        Assert.Equal(organisation.Name, me.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("userId").ValueKind);
        Assert.Equal([PortalRoles.Consumer], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(nameof(Tlp.Amber), me.GetProperty("clearance").GetString());
        Assert.Equal(HttpStatusCode.OK, countsResponse.StatusCode);
        var counts = JsonDocument.Parse(await countsResponse.Content.ReadAsStringAsync()).RootElement;
        await using var check = await ContextAsync();
        var published = check.Reports.Where(r => r.Status == ContentStatus.Published && r.ProposalForId == null);
        Assert.Equal(await published.CountAsync(r => r.Tlp <= Tlp.Amber), counts.GetProperty("reports").GetInt32());
        Assert.Equal(await check.Indicators.CountAsync(i => i.Status == ContentStatus.Published && i.Tlp <= Tlp.Amber),
            counts.GetProperty("indicators").GetInt32());
    }

    [Fact]
    public async Task A_token_without_the_endpoints_scope_gets_403_insufficient_scope()
    {
        var user = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var created = await CreateAsync(user.Id, ApiTokenScopes.SubmitIndicators);

        using var response = await GetAsync("/api/v1/catalogue/counts", created.Token);
        using var me = await GetAsync("/api/v1/me", created.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate).Parameter!;
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"ReadCatalogue\"", challenge, StringComparison.Ordinal);
        Assert.Contains("ReadCatalogue", (await ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task After_its_permit_limit_a_token_gets_429_with_retry_after_while_other_tokens_go_on()
    {
        var user = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var busy = await CreateAsync(user.Id, ApiTokenScopes.ReadCatalogue);
        var quiet = await CreateAsync(user.Id, ApiTokenScopes.ReadCatalogue);

        for (var i = 0; i < PermitLimit; i++)
        {
            using var allowed = await GetAsync("/api/v1/me", busy.Token);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await GetAsync("/api/v1/catalogue/counts", busy.Token);
        using var other = await GetAsync("/api/v1/me", quiet.Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, WindowSeconds);
        var problem = await ProblemAsync(limited);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains($"{PermitLimit} requests every {WindowSeconds} seconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private Task<ApiTokenCreated> CreateAsync(string userId, ApiTokenScopes scopes) =>
        Tokens.CreatePersonalAsync(userId, new ApiTokenRequest("Functional test", scopes, DateTime.UtcNow.AddDays(30)));

    private async Task<HttpResponseMessage> GetAsync(string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await factory.CreatePortalClient().SendAsync(request);
    }

    private async Task<PortalDbContext> ContextAsync() =>
        await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}

/// <summary>The portal with a small per-token limit and a long window, so the 429 is reached quickly and deterministically.</summary>
public abstract class ApiLimitedPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:RateLimit:PermitLimit", ApiTokenScenarios.PermitLimit.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Api:RateLimit:WindowSeconds", ApiTokenScenarios.WindowSeconds.ToString(CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteApiPortalFactory : ApiLimitedPortalFactory
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgresApiPortalFactory : ApiLimitedPortalFactory
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}

public sealed class SqliteApiTokenScenarios(SqliteApiPortalFactory factory)
    : ApiTokenScenarios(factory), IClassFixture<SqliteApiPortalFactory>;

public sealed class PostgresApiTokenScenarios(PostgresApiPortalFactory factory)
    : ApiTokenScenarios(factory), IClassFixture<PostgresApiPortalFactory>;
