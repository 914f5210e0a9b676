using System.Net;
using System.Text.Json;
using AiCtiPortal.Web.FunctionalTests.Authorization;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;

namespace AiCtiPortal.Web.FunctionalTests.Api;

/// <summary>The OpenAPI document at /api/v1/openapi.json describes every /api/v1 route the host maps.</summary>
public sealed class OpenApiDocumentScenarios(SqlitePortalFactory factory) : IClassFixture<SqlitePortalFactory>
{
    private const string DocumentRoute = "/api/v1/openapi.json";

    [Fact]
    public async Task The_document_is_anonymous_and_describes_every_api_v1_route_with_its_bearer_scope()
    {
        using var response = await factory.CreatePortalClient().GetAsync(DocumentRoute);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiToken");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        var paths = document.GetProperty("paths");
        var described = paths.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var mapped = MappedRoutes.Of(factory.Services)
            .Select(r => r.Route)
            .Where(r => r.StartsWith("/api/v1/", StringComparison.Ordinal) && r != DocumentRoute)
            .Select(r => System.Text.RegularExpressions.Regex.Replace(r, "{([^:}]+)(:[^}]*)?}", "{$1}"))
            .ToList();

        Assert.NotEmpty(mapped);
        Assert.All(mapped, route => Assert.Contains(route, described));
        foreach (var operation in paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()))
        {
            Assert.False(string.IsNullOrEmpty(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} has no summary");
            var security = operation.Value.GetProperty("security")[0].GetProperty("ApiToken");
            Assert.True(operation.Value.GetProperty("responses").TryGetProperty("401", out _));
            Assert.Contains("Needs a", operation.Value.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Array, security.ValueKind);
        }

        var search = paths.GetProperty("/api/v1/reports").GetProperty("get");
        Assert.Equal(["ReadCatalogue"], search.GetProperty("security")[0].GetProperty("ApiToken").EnumerateArray().Select(s => s.GetString()));
        Assert.All(search.GetProperty("parameters").EnumerateArray(), p =>
            Assert.False(string.IsNullOrEmpty(p.GetProperty("description").GetString()), $"{p.GetProperty("name")} has no description"));
        Assert.Contains(search.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "technique");
        var submit = paths.GetProperty("/api/v1/indicators").GetProperty("post");
        Assert.Equal(["SubmitIndicators"], submit.GetProperty("security")[0].GetProperty("ApiToken").EnumerateArray().Select(s => s.GetString()));
        Assert.True(submit.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }
}
