using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiCtiPortal.Domain.Artifacts;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Web.FunctionalTests.Authorization;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>
/// A curator's policy change reaches the scan API of the running host, and the answer names the version that judged
/// the file; only curators may change it or open its page. Once per database provider, each class on its own host.
/// </summary>
public abstract class ScanPolicyScenarios(PortalFactory factory)
{
    private const string Password = "Correct-Horse-42";

    [Fact]
    public async Task A_global_the_default_allows_is_judged_malicious_once_a_curator_denies_it_and_the_answer_names_the_version()
    {
        var client = await SignedInClientAsync(PortalRoles.Consumer);
        var before = await ScanAsync(client);
        Assert.Equal("NoFindings", before.GetProperty("verdict").GetString());
        Assert.Equal(0, before.GetProperty("policyVersion").GetInt32());
        Assert.Equal("aicti-default", before.GetProperty("policyName").GetString());

        var curator = await factory.CreateUserAsync(Password, PortalRoles.Curator);
        var store = factory.Services.GetRequiredService<ScanPolicyStore>();
        var current = await store.CurrentAsync();
        var saved = await store.SaveAsync(DenyingOrderedDict(current.Json), "OrderedDict abuse seen in the wild.", curator.Id, current.Number);

        var after = await ScanAsync(client);
        Assert.Equal("Malicious", after.GetProperty("verdict").GetString());
        Assert.Equal(saved.Number, after.GetProperty("policyVersion").GetInt32());
        Assert.Contains(after.GetProperty("findings").EnumerateArray(), f =>
            (f.GetProperty("evidence").GetString() + f.GetProperty("title").GetString()).Contains("collections.OrderedDict", StringComparison.Ordinal));

        // Restoring the default (as a new version) makes the same file clean again.
        var restored = await store.RestoreAsync(0, null, curator.Id, saved.Number);
        var again = await ScanAsync(client);
        Assert.Equal("NoFindings", again.GetProperty("verdict").GetString());
        Assert.Equal(restored.Number, again.GetProperty("policyVersion").GetInt32());
    }

    [Theory]
    [InlineData(PortalRoles.Contributor)]
    [InlineData(PortalRoles.Reviewer)]
    [InlineData(PortalRoles.Consumer)]
    public async Task Non_curators_are_turned_away_from_the_policy_page_and_by_the_store(string role)
    {
        var user = await factory.CreateUserAsync(Password, role);
        var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!, Password)).StatusCode);

        var page = await client.GetAsync("/admin/scan-policy");

        Assert.Equal(Access.Denied, AccessObserver.Observe(page).Access);
        var store = factory.Services.GetRequiredService<ScanPolicyStore>();
        await Assert.ThrowsAsync<WorkflowRuleException>(() => store.SaveAsync(ScanPolicyDocumentJson(), null, user.Id));
    }

    [Fact]
    public async Task A_curator_opens_the_policy_page_and_sees_the_rules_with_their_reasons()
    {
        var client = await SignedInClientAsync(PortalRoles.Curator);

        var page = await client.GetAsync("/admin/scan-policy");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Denied globals", html, StringComparison.Ordinal);
        Assert.Contains("Starts processes.", html, StringComparison.Ordinal); // the reason of subprocess.*
        Assert.Contains("data-testid=\"policy-history\"", html, StringComparison.Ordinal);
    }

    private static string ScanPolicyDocumentJson() => JsonNode.Parse("""{"name":"x","deniedGlobals":[],"allowedGlobals":[]}""")!.ToJsonString();

    private static string DenyingOrderedDict(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        root["deniedGlobals"]!.AsArray().Add(new JsonObject
        {
            ["pattern"] = "collections.OrderedDict",
            ["reason"] = "Test: a global the default allows, denied.",
        });
        return root.ToJsonString();
    }

    /// <summary>PROTO 2, GLOBAL collections OrderedDict, EMPTY_TUPLE, REDUCE, STOP: an empty state dict.</summary>
    private static byte[] OrderedDictPickle()
    {
        var bytes = new List<byte> { 0x80, 0x02, (byte)'c' };
        bytes.AddRange(Encoding.ASCII.GetBytes("collections\nOrderedDict\n"));
        bytes.AddRange([(byte)')', (byte)'R', (byte)'.']);
        return [.. bytes];
    }

    private static async Task<JsonElement> ScanAsync(HttpClient client)
    {
        var file = new ByteArrayContent(OrderedDictPickle());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await client.PostAsync("/api/artifacts/scan", new MultipartFormDataContent { { file, "file", "state.pkl" } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpClient> SignedInClientAsync(string role)
    {
        var user = await factory.CreateUserAsync(Password, role);
        var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!, Password)).StatusCode);
        return client;
    }
}

public sealed class SqliteScanPolicyScenarios(SqlitePortalFactory factory)
    : ScanPolicyScenarios(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresScanPolicyScenarios(PostgresPortalFactory factory)
    : ScanPolicyScenarios(factory), IClassFixture<PostgresPortalFactory>;
