using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using AiCtiPortal.Web.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Xunit.Abstractions;

namespace AiCtiPortal.Web.FunctionalTests.Security;

/// <summary>
/// Issue 7's security requirement as a matrix: every curated set (and every published item) is requested by every
/// caller (anonymous, each role signed in, consumers of two organisations and of none, a member not yet approved, and personal and organisation
/// tokens with each scope alone, expired, revoked or malformed) on every surface that serves set content: the Exports
/// page and its downloads, TAXII, and the /api/v1 catalogue reads and export downloads. Each cell's answer comes from
/// <see cref="SetAccessRules"/>; every wrong cell is reported with its coordinates, not only the first.
/// </summary>
public abstract class SetAccessScenarios(MatrixPortalFactory factory, ITestOutputHelper output)
{
    [Fact]
    public async Task Exports_page_and_downloads_serve_each_set_to_its_readers_only_at_the_export_ceiling()
    {
        var (matrix, world) = await MatrixAsync();
        await RunAsync(matrix.ExportCells(), world);
    }

    [Fact]
    public async Task Taxii_serves_each_set_to_its_readers_only_never_above_set_ceiling_or_clearance()
    {
        var (matrix, world) = await MatrixAsync();
        await RunAsync(matrix.TaxiiCells(), world);
    }

    [Fact]
    public async Task Api_reads_every_item_only_with_the_read_scope_and_never_above_the_token_clearance()
    {
        var (matrix, world) = await MatrixAsync();
        await RunAsync(matrix.ApiCells(), world);
    }

    [Fact]
    public async Task Api_export_downloads_serve_each_set_to_its_readers_only_at_the_export_ceiling()
    {
        var (matrix, world) = await MatrixAsync();
        await RunAsync(matrix.ApiExportCells(), world);
    }

    private async Task<(SetAccessMatrix Matrix, MatrixWorldModel World)> MatrixAsync()
    {
        var world = await factory.WorldAsync();
        var browsers = new List<MatrixCaller> { new("anonymous", factory.CreatePortalClient(), null) };
        foreach (var user in world.Users.Values)
        {
            var client = factory.CreatePortalClient();
            var signIn = await client.SignInAsync(user.Email, MatrixWorld.Password);
            Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"{user.Key} could not sign in: {(int)signIn.StatusCode}");
            browsers.Add(new MatrixCaller(user.Key, client, null));
        }

        var bearerClient = factory.CreatePortalClient();
        var tokens = world.Tokens.Select(t => (t, new MatrixCaller(t.Key, bearerClient, t.Secret))).ToList();
        return (new SetAccessMatrix(world, browsers, tokens), world);
    }

    /// <summary>Runs every cell (a few at a time) and fails once, listing each wrong cell with the ids named.</summary>
    private async Task RunAsync(IEnumerable<MatrixCell> cells, MatrixWorldModel world)
    {
        var all = cells.ToList();
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (cell, _) =>
        {
            try
            {
                if (await cell.CheckAsync() is { } problem)
                {
                    failures.Add($"{cell.Coordinates}: {problem}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                failures.Add($"{cell.Coordinates}: threw {ex.GetType().Name}: {ex.Message}");
            }
        });

        output.WriteLine($"{all.Count} cells ({string.Join(", ", all.GroupBy(c => c.Surface).Select(g => $"{g.Key} {g.Count()}"))}); {failures.Count} wrong.");
        var names = world.Items.Select(i => (Id: i.Id, Name: i.ToString()))
            .Concat(world.Sets.Select(s => (Id: s.Id, Name: $"set {s.Key}")))
            .Concat(world.Sets.SelectMany(s => s.Runs.Select(r => (Id: r.Value, Name: $"{r.Key} export of {s.Key}"))))
            .ToList();
        var sorted = failures
            .Select(f => names.Aggregate(f, (text, n) => text.Replace(n.Id.ToString("D"), n.Name, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var failure in sorted)
        {
            output.WriteLine(failure);
        }

        Assert.True(sorted.Count == 0, $"{sorted.Count} of {all.Count} cells answered wrongly:\n" + string.Join('\n', sorted));
    }
}

/// <summary>The portal with a per-token limit above what one matrix sends, and the matrix world seeded once per class.</summary>
public abstract class MatrixPortalFactory : PortalFactory
{
    private readonly Lazy<Task<MatrixWorldModel>> _world;

    protected MatrixPortalFactory() => _world = new(() => MatrixWorld.SeedAsync(this));

    public Task<MatrixWorldModel> WorldAsync() => _world.Value;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:RateLimit:PermitLimit", 10_000.ToString(CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteMatrixPortalFactory : MatrixPortalFactory
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgresMatrixPortalFactory : MatrixPortalFactory
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}

public sealed class SqliteSetAccessScenarios(SqliteMatrixPortalFactory factory, ITestOutputHelper output)
    : SetAccessScenarios(factory, output), IClassFixture<SqliteMatrixPortalFactory>;

public sealed class PostgresSetAccessScenarios(PostgresMatrixPortalFactory factory, ITestOutputHelper output)
    : SetAccessScenarios(factory, output), IClassFixture<PostgresMatrixPortalFactory>;
