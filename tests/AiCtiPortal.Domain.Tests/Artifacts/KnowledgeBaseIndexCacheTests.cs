using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Artifacts;

/// <summary>The shared knowledge-base index: rebuilt only when the published fingerprints change (both providers).</summary>
public abstract class KnowledgeBaseIndexCacheTests(ITestDatabases databases)
{
    [Fact]
    public async Task The_index_is_built_once_and_reused_while_the_published_fingerprints_stay_the_same()
    {
        var (settings, cache) = await BedAsync();
        var first = await AddAsync(settings, ContentStatus.Published);

        var index = await cache.GetAsync();
        Assert.Same(index, await cache.GetAsync());
        // A draft fingerprint or another indicator type is outside what the index covers: no rebuild.
        await AddAsync(settings, ContentStatus.Draft);
        Assert.Same(index, await cache.GetAsync());

        Assert.Equal(1, cache.Rebuilds);
        Assert.Single(index.Match(first, null, null));
    }

    [Fact]
    public async Task Publishing_a_fingerprint_or_merging_one_away_rebuilds_the_index()
    {
        var (settings, cache) = await BedAsync();
        await AddAsync(settings, ContentStatus.Published);
        await cache.GetAsync();

        var added = await AddAsync(settings, ContentStatus.Published);
        Assert.Single((await cache.GetAsync()).Match(added, null, null));

        await using (var db = TestContexts.Create(settings))
        {
            var row = await db.Indicators.SingleAsync(i => i.NormalizedValue == added);
            row.Status = ContentStatus.Merged;
            row.UpdatedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }

        Assert.Empty((await cache.GetAsync()).Match(added, null, null));
        Assert.Equal(3, cache.Rebuilds);
    }

    [Fact]
    public async Task Concurrent_callers_that_find_the_index_stale_share_one_rebuild()
    {
        var (settings, cache) = await BedAsync();
        await AddAsync(settings, ContentStatus.Published);

        var indexes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.GetAsync())));

        Assert.Equal(1, cache.Rebuilds);
        Assert.All(indexes, i => Assert.Same(indexes[0], i));
    }

    [Fact]
    public async Task The_index_covers_every_tlp_level_so_callers_must_filter_matches_by_clearance()
    {
        var (settings, cache) = await BedAsync();
        var amber = await AddAsync(settings, ContentStatus.Published, Tlp.Amber);

        Assert.Single((await cache.GetAsync()).Match(amber, null, null));
    }

    private async Task<(PortalDatabaseSettings Settings, KnowledgeBaseIndexCache Cache)> BedAsync()
    {
        var settings = await TestContexts.MigrateAsync(await databases.CreateAsync());
        await using var db = TestContexts.Create(settings);
        db.Users.Add(new PortalUser { Id = Author, UserName = "kb-cache@example.org", Email = "kb-cache@example.org" });
        await db.SaveChangesAsync();
        return (settings, new KnowledgeBaseIndexCache(TestContexts.Factory(settings)));
    }

    private const string Author = "kb-cache-test";

    /// <summary>Adds a SHA-256 fingerprint indicator of a fresh value and returns the value.</summary>
    private static async Task<string> AddAsync(PortalDatabaseSettings settings, ContentStatus status, Tlp tlp = Tlp.Clear)
    {
        var value = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray()));
        await using var db = TestContexts.Create(settings);
        db.Indicators.Add(new Indicator
        {
            Type = IndicatorType.ModelFileSha256, Value = value, NormalizedValue = value,
            ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.ModelFileSha256, value),
            Status = status, Tlp = tlp, CreatedById = Author,
        });
        await db.SaveChangesAsync();
        return value;
    }
}

public sealed class SqliteKnowledgeBaseIndexCacheTests(SqliteDatabases databases)
    : KnowledgeBaseIndexCacheTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresKnowledgeBaseIndexCacheTests(PostgresDatabases databases)
    : KnowledgeBaseIndexCacheTests(databases), IClassFixture<PostgresDatabases>;
