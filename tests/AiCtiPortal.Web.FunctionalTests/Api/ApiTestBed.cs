using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests.Api;

/// <summary>Tokens, published content and bearer requests for the /api/v1 scenarios.</summary>
public sealed class ApiTestBed(PortalFactory factory)
{
    public const string Password = "Correct-Horse-42";

    /// <summary>A personal token of a new user with <paramref name="roles"/>, in an organisation of <paramref name="organisation"/> clearance if given.</summary>
    public async Task<(string UserId, string Token)> TokenAsync(ApiTokenScopes scopes, Tlp? organisation, params string[] roles)
    {
        var user = await factory.CreateUserAsync(Password, roles);
        if (organisation is { } clearance)
        {
            await using var db = await ContextAsync();
            var org = new Organisation { Name = $"API org {Guid.NewGuid():N}", Clearance = clearance };
            db.Organisations.Add(org);
            db.OrganisationMemberships.Add(new OrganisationMembership { OrganisationId = org.Id, UserId = user.Id });
            await db.SaveChangesAsync();
        }

        var created = await factory.Services.GetRequiredService<ApiTokenService>()
            .CreatePersonalAsync(user.Id, new ApiTokenRequest("API scenario", scopes, DateTime.UtcNow.AddDays(30)));
        return (user.Id, created.Token);
    }

    /// <summary>A published report with one published indicator, both at <paramref name="tlp"/>; the title carries <paramref name="marker"/>.</summary>
    public async Task<(Guid Report, Guid Indicator, string Value)> PublishedAsync(string marker, Tlp tlp)
    {
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var value = $"https://{marker}-{tlp}.example.org/payload".ToLowerInvariant();
        var normalized = IndicatorCatalogue.Validate(IndicatorType.Url, value).NormalizedValue!;
        var indicator = new Indicator
        {
            Type = IndicatorType.Url, Value = value, NormalizedValue = normalized,
            ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.Url, normalized),
            Tlp = tlp, Status = ContentStatus.Published, CreatedById = author.Id, Phases = SupplyChainPhase.Deployment,
        };
        var report = new ThreatReport
        {
            Title = $"{marker} {tlp} report", Summary = "Written by an API scenario.", BodyMarkdown = "Body.", Tlp = tlp,
            Status = ContentStatus.Published, AuthorId = author.Id, Phases = SupplyChainPhase.Deployment,
            PublishedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Version = 1,
        };
        report.Indicators.Add(new ReportIndicator { Report = report, Indicator = indicator });
        report.References.Add(new ReportReference { ReportId = report.Id, Url = "https://example.org/advisory", Title = "Advisory" });
        report.Techniques.Add(new ReportTechnique { ReportId = report.Id, TechniqueId = "AML.T0010" });
        CatalogueStatistics.Apply(report, []);
        await using var db = await ContextAsync();
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return (report.Id, indicator.Id, value);
    }

    public async Task<HttpResponseMessage> GetAsync(string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await factory.CreatePortalClient().SendAsync(request);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string url, string token, object body) =>
        PostAsync(url, token, JsonContent.Create(body));

    public async Task<HttpResponseMessage> PostAsync(string url, string token, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await factory.CreatePortalClient().SendAsync(request);
    }

    public async Task<PortalDbContext> ContextAsync() =>
        await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await JsonAsync(response);
    }

    public static IReadOnlyList<Guid> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
}
