using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiCtiPortal.Web.FunctionalTests;

/// <summary>POST /api/artifacts/scan through the real host, once per database provider, with a 64 KiB upload limit.</summary>
public abstract class ArtifactScanScenarios(PortalFactory factory)
{
    public const long UploadLimit = 64 * 1024;
    private const string Password = "Correct-Horse-42";

    private string ScratchFolder => Path.Combine(factory.Services.GetRequiredService<PortalDatabaseSettings>().DataFolder, "scans");

    [Fact]
    public async Task A_valid_safetensors_file_has_no_findings()
    {
        var client = await SignedInClientAsync();

        var body = await ScanOkAsync(client, Multipart(Safetensors(), "weights.safetensors"));

        Assert.Equal("NoFindings", body.GetProperty("verdict").GetString());
        Assert.Equal("Safetensors", body.GetProperty("format").GetString());
        Assert.Empty(body.GetProperty("findings").EnumerateArray());
        Assert.Equal(Hex(SHA256.HashData(Safetensors())), body.GetProperty("sha256").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("analyzer").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("analyzerVersion").GetString()));
        Assert.Equal(0, body.GetProperty("policyVersion").GetInt32());
        Assert.Equal("aicti-default", body.GetProperty("policyName").GetString());
        AssertScratchFolderEmpty();
    }

    [Fact]
    public async Task A_pickle_that_calls_posix_system_is_malicious_and_the_finding_names_it()
    {
        var client = await SignedInClientAsync();

        var body = await ScanOkAsync(client, Multipart(MaliciousPickle(), "model.bin"));

        Assert.Equal("Malicious", body.GetProperty("verdict").GetString());
        Assert.Contains(body.GetProperty("findings").EnumerateArray(), f =>
            f.GetProperty("severity").GetString() is "High" or "Critical" &&
            (f.GetProperty("evidence").GetString() + f.GetProperty("title").GetString()).Contains("posix.system", StringComparison.Ordinal));
        Assert.Contains(body.GetProperty("indicators").EnumerateArray(), i =>
            i.GetProperty("type").GetString() == nameof(IndicatorType.PickleImport) &&
            i.GetProperty("value").GetString()!.Contains("posix.system", StringComparison.Ordinal));
        AssertScratchFolderEmpty();
    }

    [Fact]
    public async Task A_raw_octet_stream_body_with_a_file_name_is_scanned_too()
    {
        var client = await SignedInClientAsync();
        var content = new ByteArrayContent(MaliciousPickle());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var body = await ScanOkAsync(client, content, "?fileName=evil.pkl");

        Assert.Equal("Malicious", body.GetProperty("verdict").GetString());
        Assert.Equal("evil.pkl", body.GetProperty("fileName").GetString());
        AssertScratchFolderEmpty();
    }

    [Fact]
    public async Task Anonymous_callers_get_401_not_a_login_redirect()
    {
        var client = factory.CreatePortalClient();

        var response = await client.PostAsync("/api/artifacts/scan", Multipart(Safetensors(), "weights.safetensors"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_file_is_refused_with_400()
    {
        var client = await SignedInClientAsync();
        var form = new MultipartFormDataContent { { new StringContent("not a file"), "comment" } };

        var response = await client.PostAsync("/api/artifacts/scan", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_413_and_nothing_is_left_in_the_scratch_folder()
    {
        var client = await SignedInClientAsync();
        var tooLarge = new byte[UploadLimit + 1];
        RandomNumberGenerator.Fill(tooLarge);

        var response = await client.PostAsync("/api/artifacts/scan", Multipart(tooLarge, "huge.bin"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("64 KiB", problem.GetProperty("detail").GetString());
        AssertScratchFolderEmpty();
    }

    [Fact]
    public async Task A_file_whose_sha256_is_a_published_indicator_matches_it()
    {
        var file = Encoding.UTF8.GetBytes($"known bad artifact {Guid.NewGuid():N}\n");
        var indicatorId = await PublishSha256IndicatorAsync(Hex(SHA256.HashData(file)));
        var client = await SignedInClientAsync();

        var body = await ScanOkAsync(client, Multipart(file, "known.bin"));

        var match = Assert.Single(body.GetProperty("matches").EnumerateArray(), m => m.GetProperty("kind").GetString() == "Exact");
        Assert.Equal(indicatorId, match.GetProperty("indicatorId").GetGuid());
        Assert.Equal(nameof(IndicatorType.ModelFileSha256), match.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(match.GetProperty("explanation").GetString()));
        AssertScratchFolderEmpty();
    }

    [Fact]
    public async Task A_consumer_cleared_for_clear_does_not_see_an_amber_match_from_the_shared_index()
    {
        var file = Encoding.UTF8.GetBytes($"amber artifact {Guid.NewGuid():N}\n");
        var indicatorId = await PublishSha256IndicatorAsync(Hex(SHA256.HashData(file)), Tlp.Amber);
        var index = factory.Services.GetRequiredService<KnowledgeBaseIndexCache>();

        // A curator (cleared for RED) scans first: the shared index is built with the AMBER indicator in it.
        var curator = await ScanOkAsync(await SignedInClientAsync(PortalRoles.Curator), Multipart(file, "amber.bin"));
        var rebuilds = index.Rebuilds;
        var consumer = await ScanOkAsync(await SignedInClientAsync(), Multipart(file, "amber.bin"));

        Assert.Contains(curator.GetProperty("matches").EnumerateArray(), m => m.GetProperty("indicatorId").GetGuid() == indicatorId);
        Assert.Empty(consumer.GetProperty("matches").EnumerateArray());
        // The consumer's scan used the very index that holds the AMBER row; only the clearance filter hid it.
        Assert.Equal(rebuilds, index.Rebuilds);
    }

    [Fact]
    public async Task The_scratch_folder_is_empty_after_every_scan()
    {
        var client = await SignedInClientAsync();

        foreach (var (bytes, name) in new[] { (Safetensors(), "a.safetensors"), (MaliciousPickle(), "b.pkl"), (new byte[UploadLimit + 10], "c.bin") })
        {
            await client.PostAsync("/api/artifacts/scan", Multipart(bytes, name));
            AssertScratchFolderEmpty();
        }
    }

    /// <summary>A minimal valid safetensors file: u64 LE header length, the JSON header, 16 zero bytes of I32 data.</summary>
    private static byte[] Safetensors()
    {
        var header = Encoding.ASCII.GetBytes("{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}");
        var file = new byte[8 + header.Length + 16];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        return file;
    }

    /// <summary>Protocol 2: PROTO 2, GLOBAL posix system, SHORT_BINUNICODE "id", TUPLE1, REDUCE, STOP (os.system("id")).</summary>
    private static byte[] MaliciousPickle()
    {
        var bytes = new List<byte> { 0x80, 0x02, (byte)'c' };
        bytes.AddRange(Encoding.ASCII.GetBytes("posix\nsystem\n"));
        bytes.AddRange([0x8c, 0x02, (byte)'i', (byte)'d', 0x85, (byte)'R', (byte)'.']);
        return [.. bytes];
    }

    private static MultipartFormDataContent Multipart(byte[] bytes, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static async Task<JsonElement> ScanOkAsync(HttpClient client, HttpContent content, string query = "")
    {
        var response = await client.PostAsync("/api/artifacts/scan" + query, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpClient> SignedInClientAsync(string role = PortalRoles.Consumer)
    {
        var user = await factory.CreateUserAsync(Password, role);
        var client = factory.CreatePortalClient();
        var signIn = await client.SignInAsync(user.Email!, Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private async Task<Guid> PublishSha256IndicatorAsync(string sha256, Tlp tlp = Tlp.Clear)
    {
        var author = await factory.CreateUserAsync(Password, PortalRoles.Contributor);
        var normalized = IndicatorCatalogue.Validate(IndicatorType.ModelFileSha256, sha256).NormalizedValue
            ?? throw new InvalidOperationException("The catalogue refused a SHA-256 hex digest.");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var indicator = new Indicator
        {
            Type = IndicatorType.ModelFileSha256,
            Value = normalized,
            NormalizedValue = normalized,
            ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.ModelFileSha256, normalized),
            Phases = SupplyChainPhase.ModelArtifact,
            Tlp = tlp,
            Status = ContentStatus.Published,
            CreatedById = author.Id,
        };
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync();
        return indicator.Id;
    }

    private void AssertScratchFolderEmpty()
    {
        var left = Directory.Exists(ScratchFolder) ? Directory.GetFileSystemEntries(ScratchFolder) : [];
        Assert.True(left.Length == 0, $"Scratch files left behind: {string.Join(", ", left)}");
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}

/// <summary>The portal with a 64 KiB scan limit, so the over-limit path is cheap to exercise.</summary>
public abstract class ScanLimitedPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scanning:MaxUploadBytes", ArtifactScanScenarios.UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteScanPortalFactory : ScanLimitedPortalFactory
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgresScanPortalFactory : ScanLimitedPortalFactory
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}

public sealed class SqliteArtifactScanScenarios(SqliteScanPortalFactory factory)
    : ArtifactScanScenarios(factory), IClassFixture<SqliteScanPortalFactory>;

public sealed class PostgresArtifactScanScenarios(PostgresScanPortalFactory factory)
    : ArtifactScanScenarios(factory), IClassFixture<PostgresScanPortalFactory>;
