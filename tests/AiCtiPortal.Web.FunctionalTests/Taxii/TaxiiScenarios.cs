using System.Net;
using System.Text.Json;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;

namespace AiCtiPortal.Web.FunctionalTests.Taxii;

/// <summary>The TAXII 2.1 server through the real host, once per database, with organisation tokens.</summary>
public abstract partial class TaxiiScenarios(PortalFactory factory)
{
    private const string StixMediaType = "application/stix+json;version=2.1";

    [Fact]
    public async Task Discovery_api_root_and_collections_carry_the_fields_taxii_requires()
    {
        var world = await TaxiiWorld.SeedAsync(factory, 3);

        var discovery = await OkAsync("/taxii2/", world.AmberToken);
        var apiRoot = await OkAsync("/taxii2/api/", world.AmberToken);
        var collections = await OkAsync("/taxii2/api/collections/", world.AmberToken);
        var collection = await OkAsync(world.Collection, world.AmberToken);

        Assert.False(string.IsNullOrWhiteSpace(discovery.GetProperty("title").GetString()));
        var root = Assert.Single(discovery.GetProperty("api_roots").EnumerateArray()).GetString();
        Assert.EndsWith("/taxii2/api/", root, StringComparison.Ordinal);
        Assert.Equal(root, discovery.GetProperty("default").GetString());
        Assert.False(string.IsNullOrWhiteSpace(apiRoot.GetProperty("title").GetString()));
        Assert.Equal([TaxiiClient.MediaType], apiRoot.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.True(apiRoot.GetProperty("max_content_length").GetInt32() > 0);
        var listed = Assert.Single(collections.GetProperty("collections").EnumerateArray(), c => c.GetProperty("id").GetString() == world.SetId.ToString());
        foreach (var c in new[] { listed, collection })
        {
            Assert.Equal(world.SetId.ToString(), c.GetProperty("id").GetString());
            Assert.StartsWith("TAXII set", c.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.True(c.GetProperty("can_read").GetBoolean());
            Assert.False(c.GetProperty("can_write").GetBoolean());
            Assert.Equal([StixMediaType], c.GetProperty("media_types").EnumerateArray().Select(m => m.GetString()));
        }
    }

    [Fact]
    public async Task Paging_through_2500_objects_that_share_one_timestamp_returns_each_exactly_once()
    {
        const int sharing = 2500;
        var world = await TaxiiWorld.SeedAsync(factory, sharing);
        var seen = new List<string>();
        var manifestSeen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var url = $"{world.Collection}objects/?limit=250" + (next is null ? "" : $"&next={Uri.EscapeDataString(next)}");
            using var response = await TaxiiClient.GetAsync(factory, url, world.AmberToken);
            var envelope = await TaxiiJsonAsync(response, HttpStatusCode.OK);
            var objects = envelope.GetProperty("objects").EnumerateArray().ToList();
            Assert.InRange(objects.Count, 1, 250);
            foreach (var stix in objects)
            {
                AssertValidStix(stix);
            }

            seen.AddRange(objects.Select(o => o.GetProperty("id").GetString()!));
            Assert.Matches(DateAddedFormat(), Header(response, "X-TAXII-Date-Added-First") ?? "");
            Assert.Matches(DateAddedFormat(), Header(response, "X-TAXII-Date-Added-Last") ?? "");
            var more = envelope.GetProperty("more").GetBoolean();
            next = more ? envelope.GetProperty("next").GetString() : null;
            Assert.Equal(more, envelope.TryGetProperty("next", out _));
            pages++;
        }
        while (next is not null && pages < 50);

        do
        {
            var url = $"{world.Collection}manifest/?limit=700" + (next is null ? "" : $"&next={Uri.EscapeDataString(next)}");
            var manifest = await OkAsync(url, world.AmberToken);
            manifestSeen.AddRange(manifest.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("id").GetString()!));
            next = manifest.GetProperty("more").GetBoolean() ? manifest.GetProperty("next").GetString() : null;
        }
        while (next is not null);

        // 2,500 GREEN + 1 AMBER indicator, the report, its attack pattern, the identity and CLEAR..AMBER markings (3).
        var expected = sharing + 1 + 1 + 1 + 1 + 3;
        Assert.Equal(expected, seen.Count);
        Assert.Equal(expected, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(seen, manifestSeen);
        Assert.All(world.GreenIndicators, id => Assert.Contains($"indicator--{id}", seen));
        Assert.Contains($"indicator--{world.AmberIndicator}", seen);
        Assert.Contains($"report--{world.ReportId}", seen);
        Assert.DoesNotContain($"indicator--{world.RedIndicator}", seen);
    }

    [Fact]
    public async Task Added_after_returns_only_objects_added_strictly_later()
    {
        var world = await TaxiiWorld.SeedAsync(factory, 5);
        var manifest = await OkAsync($"{world.Collection}manifest/", world.AmberToken);
        var greenAdded = manifest.GetProperty("objects").EnumerateArray()
            .Single(o => o.GetProperty("id").GetString() == $"indicator--{world.GreenIndicators[0]}")
            .GetProperty("date_added").GetString()!;

        var after = await OkAsync($"{world.Collection}objects/?added_after={Uri.EscapeDataString(greenAdded)}", world.AmberToken);

        var ids = Ids(after);
        Assert.DoesNotContain(ids, id => world.GreenIndicators.Any(g => id == $"indicator--{g}"));
        Assert.Contains($"indicator--{world.AmberIndicator}", ids);
        Assert.Contains($"report--{world.ReportId}", ids);
        Assert.DoesNotContain(ids, id => id.StartsWith("marking-definition--", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Match_filters_select_by_id_type_version_and_spec_version()
    {
        var world = await TaxiiWorld.SeedAsync(factory, 4);
        var report = $"report--{world.ReportId}";
        var indicator = $"indicator--{world.GreenIndicators[1]}";

        var byId = Ids(await OkAsync($"{world.Collection}objects/?match[id]={report},{indicator}", world.AmberToken));
        var byType = Ids(await OkAsync($"{world.Collection}objects/?match[type]=report,attack-pattern", world.AmberToken));
        var manifest = await OkAsync($"{world.Collection}manifest/?match[id]={report}", world.AmberToken);
        var version = Assert.Single(manifest.GetProperty("objects").EnumerateArray()).GetProperty("version").GetString()!;
        var byVersion = Ids(await OkAsync($"{world.Collection}objects/?match[type]=report&match[version]={version}", world.AmberToken));
        var byOtherVersion = await OkAsync($"{world.Collection}objects/?match[type]=report&match[version]=2020-01-01T00:00:00.000Z", world.AmberToken);
        var byKeywords = Ids(await OkAsync($"{world.Collection}objects/?match[id]={report}&match[version]=first,last,all", world.AmberToken));
        var spec21 = Ids(await OkAsync($"{world.Collection}objects/?match[spec_version]=2.1&match[type]=indicator", world.AmberToken));
        var spec20 = await OkAsync($"{world.Collection}objects/?match[spec_version]=2.0", world.AmberToken);

        Assert.Equal(new[] { indicator, report }.Order(StringComparer.Ordinal), byId.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { $"attack-pattern--", "report--" }, byType.Select(id => id[..(id.IndexOf("--", StringComparison.Ordinal) + 2)]).Order(StringComparer.Ordinal));
        Assert.Equal([report], byVersion);
        Assert.False(byOtherVersion.TryGetProperty("objects", out _));
        Assert.Equal([report], byKeywords);
        Assert.Equal(5, spec21.Count);
        Assert.False(spec20.TryGetProperty("objects", out _));
        Assert.False(spec20.GetProperty("more").GetBoolean());
    }

    [Fact]
    public async Task One_object_its_versions_and_the_manifest_describe_the_current_version()
    {
        var world = await TaxiiWorld.SeedAsync(factory, 2);
        var id = $"report--{world.ReportId}";

        var single = await OkAsync($"{world.Collection}objects/{id}/", world.AmberToken);
        var versions = await OkAsync($"{world.Collection}objects/{id}/versions/", world.AmberToken);
        var manifest = await OkAsync($"{world.Collection}manifest/?match[id]={id}", world.AmberToken);

        var report = Assert.Single(single.GetProperty("objects").EnumerateArray());
        AssertValidStix(report);
        Assert.Equal(id, report.GetProperty("id").GetString());
        Assert.Contains($"indicator--{world.AmberIndicator}", report.GetProperty("object_refs").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain($"indicator--{world.RedIndicator}", report.GetProperty("object_refs").EnumerateArray().Select(r => r.GetString()));
        Assert.False(versions.GetProperty("more").GetBoolean());
        var version = Assert.Single(versions.GetProperty("versions").EnumerateArray()).GetString();
        Assert.Equal(report.GetProperty("modified").GetString(), version);
        var record = Assert.Single(manifest.GetProperty("objects").EnumerateArray());
        Assert.Equal(id, record.GetProperty("id").GetString());
        Assert.Equal(version, record.GetProperty("version").GetString());
        Assert.Equal(StixMediaType, record.GetProperty("media_type").GetString());
        Assert.Matches(DateAddedFormat(), record.GetProperty("date_added").GetString()!);
        Assert.Equal(world.LaterTimestamp, DateTime.Parse(record.GetProperty("date_added").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
    }

    [Fact]
    public async Task Bad_accept_content_type_filters_and_tokens_get_the_specified_taxii_errors()
    {
        var world = await TaxiiWorld.SeedAsync(factory, 1);
        var client = factory.CreatePortalClient();

        using var notAcceptable = await TaxiiClient.GetAsync(factory, world.Collection, world.AmberToken, "application/json");
        await AssertErrorAsync(notAcceptable, HttpStatusCode.NotAcceptable);
        using var wildcard = await TaxiiClient.GetAsync(factory, world.Collection, world.AmberToken, "*/*");
        Assert.Equal(HttpStatusCode.OK, wildcard.StatusCode);

        using (var post = new HttpRequestMessage(HttpMethod.Post, $"{world.Collection}objects/"))
        {
            post.Headers.TryAddWithoutValidation("Accept", TaxiiClient.MediaType);
            post.Headers.Authorization = new("Bearer", world.AmberToken);
            post.Content = new StringContent("{\"objects\":[]}", System.Text.Encoding.UTF8, "application/json");
            using var unsupported = await client.SendAsync(post);
            await AssertErrorAsync(unsupported, HttpStatusCode.UnsupportedMediaType);
        }

        using (var post = new HttpRequestMessage(HttpMethod.Post, $"{world.Collection}objects/"))
        {
            post.Headers.TryAddWithoutValidation("Accept", TaxiiClient.MediaType);
            post.Headers.Authorization = new("Bearer", world.AmberToken);
            post.Content = new StringContent("{\"objects\":[]}");
            post.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(TaxiiClient.MediaType);
            using var readOnly = await client.SendAsync(post);
            await AssertErrorAsync(readOnly, HttpStatusCode.Forbidden);
        }

        foreach (var query in new[] { "added_after=yesterday", "limit=abc", "limit=0", "match[version]=newest", "next=not-a-cursor", "match[id]=nonsense", "match[spec_version]=two" })
        {
            using var bad = await TaxiiClient.GetAsync(factory, $"{world.Collection}objects/?{query}", world.AmberToken);
            await AssertErrorAsync(bad, HttpStatusCode.BadRequest);
        }

        using var anonymous = await TaxiiClient.GetAsync(factory, "/taxii2/", token: null);
        await AssertErrorAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
        using var unknown = await TaxiiClient.GetAsync(factory, "/taxii2/", "aicti_not-a-real-token");
        await AssertErrorAsync(unknown, HttpStatusCode.Unauthorized);
        using var noScope = await TaxiiClient.GetAsync(factory, "/taxii2/api/collections/", world.NoScopeToken);
        await AssertErrorAsync(noScope, HttpStatusCode.Forbidden);
        using var missing = await TaxiiClient.GetAsync(factory, $"/taxii2/api/collections/{Guid.NewGuid()}/objects/", world.AmberToken);
        await AssertErrorAsync(missing, HttpStatusCode.NotFound);
        using var missingObject = await TaxiiClient.GetAsync(factory, $"{world.Collection}objects/indicator--{world.RedIndicator}/", world.AmberToken);
        await AssertErrorAsync(missingObject, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_of_an_organisation_that_is_not_a_reader_gets_404_for_every_collection_endpoint()
    {
        var world = await TaxiiWorld.SeedAsync(factory, 1);
        var indicator = $"indicator--{world.GreenIndicators[0]}";

        foreach (var path in new[] { "", "objects/", $"objects/{indicator}/", $"objects/{indicator}/versions/", "manifest/" })
        {
            using var response = await TaxiiClient.GetAsync(factory, world.Collection + path, world.OutsiderToken);
            var error = await AssertErrorAsync(response, HttpStatusCode.NotFound);
            Assert.DoesNotContain(world.SetId.ToString(), error.GetRawText(), StringComparison.Ordinal);
        }

        var collections = await OkAsync("/taxii2/api/collections/", world.OutsiderToken);
        Assert.DoesNotContain(world.SetId.ToString(), collections.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_above_the_readers_clearance_or_the_sets_ceiling_never_appear()
    {
        var world = await TaxiiWorld.SeedAsync(factory, 2);

        var amber = Ids(await OkAsync($"{world.Collection}objects/", world.AmberToken));
        var green = Ids(await OkAsync($"{world.Collection}objects/", world.GreenToken));
        var greenManifest = await OkAsync($"{world.Collection}manifest/", world.GreenToken);
        using var greenDirect = await TaxiiClient.GetAsync(factory, $"{world.Collection}objects/indicator--{world.AmberIndicator}/", world.GreenToken);
        var greenReport = await OkAsync($"{world.Collection}objects/report--{world.ReportId}/", world.GreenToken);

        Assert.Contains($"indicator--{world.AmberIndicator}", amber);
        Assert.DoesNotContain($"indicator--{world.RedIndicator}", amber);
        Assert.DoesNotContain($"indicator--{world.AmberIndicator}", green);
        Assert.DoesNotContain($"indicator--{world.RedIndicator}", green);
        Assert.DoesNotContain(world.AmberIndicator.ToString(), greenManifest.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, greenDirect.StatusCode);
        Assert.DoesNotContain(world.AmberIndicator.ToString(), greenReport.GetRawText(), StringComparison.Ordinal);
        // The markings offered stop at the reader's ceiling: GREEN readers get CLEAR and GREEN only.
        Assert.Equal(2, green.Count(id => id.StartsWith("marking-definition--", StringComparison.Ordinal)));
        Assert.Equal(3, amber.Count(id => id.StartsWith("marking-definition--", StringComparison.Ordinal)));
    }

    private async Task<JsonElement> OkAsync(string url, string token)
    {
        using var response = await TaxiiClient.GetAsync(factory, url, token);
        return await TaxiiJsonAsync(response, HttpStatusCode.OK);
    }

    private static async Task<JsonElement> TaxiiJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {body}");
        Assert.Equal("application/taxii+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2.1", response.Content.Headers.ContentType?.Parameters.Single(p => p.Name == "version").Value);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A TAXII error message: title, and http_status as a string naming the status.</summary>
    private static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var error = await TaxiiJsonAsync(response, expected);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("description").GetString()));
        Assert.Equal(((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture), error.GetProperty("http_status").GetString());
        return error;
    }

    private static List<string> Ids(JsonElement envelope) =>
        envelope.TryGetProperty("objects", out var objects) ? objects.EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList() : [];

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
