using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Engine.Similarity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Tests.Curation.Similarity;

/// <summary>A migrated database of its own, the similarity services over it, and helpers that write catalogue rows.</summary>
internal sealed class SimilarityTestBed
{
    public const string Author = "similarity-author";

    private SimilarityTestBed(PortalDatabaseSettings settings, SimilarityOptions options)
    {
        Settings = settings;
        var contexts = TestContexts.Factory(settings);
        var wrapped = Options.Create(options);
        Store = new SimilarityFindingStore(contexts, TimeProvider.System);
        Indexer = new SimilaritySignatureIndexer(contexts, TimeProvider.System);
        NearDuplicates = new NearDuplicateIndexCache(contexts);
        Checks = new SimilarityCheckService(contexts, Indexer, new SimilarityChecker(NearDuplicates, wrapped), Store);
    }

    public PortalDatabaseSettings Settings { get; }

    public SimilarityCheckService Checks { get; }

    public SimilarityFindingStore Store { get; }

    public SimilaritySignatureIndexer Indexer { get; }

    public NearDuplicateIndexCache NearDuplicates { get; }

    public static async Task<SimilarityTestBed> CreateAsync(ITestDatabases databases, SimilarityOptions? options = null)
    {
        var settings = await TestContexts.MigrateAsync(await databases.CreateAsync());
        await using var db = TestContexts.Create(settings);
        db.Users.Add(new PortalUser { Id = Author, UserName = "similarity@example.org", Email = "similarity@example.org" });
        await db.SaveChangesAsync();
        return new SimilarityTestBed(settings, options ?? new SimilarityOptions());
    }

    public PortalDbContext Db() => TestContexts.Create(Settings);

    public static (IndicatorType Type, string Value) Value(IndicatorType type, string value) => (type, value);

    /// <summary>A published report documenting the given indicators (each a new indicator row).</summary>
    public Task<ReportRows> PublishedAsync(string title, string body, Tlp tlp = Tlp.Green, params (IndicatorType Type, string Value)[] indicators) =>
        ReportAsync(title, body, ContentStatus.Published, tlp, indicators);

    /// <summary>A submission in review at version 1.</summary>
    public Task<ReportRows> SubmittedAsync(string title, string body, params (IndicatorType Type, string Value)[] indicators) =>
        ReportAsync(title, body, ContentStatus.InReview, Tlp.Green, indicators);

    public async Task<ReportRows> ReportAsync(string title, string body, ContentStatus status, Tlp tlp, (IndicatorType Type, string Value)[] indicators)
    {
        await using var db = Db();
        var report = new ThreatReport
        {
            Title = title, Summary = $"Summary of {title}", BodyMarkdown = body, Status = status, Tlp = tlp, AuthorId = Author,
            Phases = SupplyChainPhase.ModelArtifact, Version = 1,
        };
        db.Reports.Add(report);
        var ids = new List<Guid>();
        foreach (var (type, value) in indicators)
        {
            var indicator = new Indicator
            {
                Type = type, Value = value, NormalizedValue = value, ValueHash = IndicatorCatalogue.ValueHash(type, value),
                Status = status, Tlp = tlp, CreatedById = Author,
            };
            db.Indicators.Add(indicator);
            db.ReportIndicators.Add(new ReportIndicator { ReportId = report.Id, IndicatorId = indicator.Id });
            ids.Add(indicator.Id);
        }

        await db.SaveChangesAsync();
        return new ReportRows(report.Id, ids);
    }

    public async Task<List<SimilarityFinding>> FindingsAsync(Guid reportId)
    {
        await using var db = Db();
        return await db.SimilarityFindings.AsNoTracking().Where(f => f.ReportId == reportId).OrderBy(f => f.Kind).ThenBy(f => f.Id).ToListAsync();
    }

    /// <summary>A reviewer without organisations: cleared for TLP:GREEN by the role alone.</summary>
    public async Task<string> ReviewerAsync()
    {
        await using var db = Db();
        var role = await db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == "REVIEWER");
        if (role is null)
        {
            role = new Microsoft.AspNetCore.Identity.IdentityRole(PortalRoles.Reviewer) { NormalizedName = "REVIEWER" };
            db.Roles.Add(role);
        }

        var user = new PortalUser { UserName = $"reviewer-{Guid.NewGuid():N}" };
        db.Users.Add(user);
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
        return user.Id;
    }

    public Task<SimilarityCheckOutcome> CheckAsync(Guid reportId, int version = 1) => Checks.RunAsync(reportId, version, null, CancellationToken.None);

    /// <summary>A TLSH digest of seeded random bytes, and one of the same bytes with <paramref name="changedBytes"/> changed.</summary>
    public static (string Original, string Changed, int Distance) TlshPair(int seed, int changedBytes)
    {
        var data = new byte[4096];
        new Random(seed).NextBytes(data);
        var changed = (byte[])data.Clone();
        var random = new Random(seed + 1);
        for (var i = 0; i < changedBytes; i++)
        {
            changed[random.Next(changed.Length)] = (byte)random.Next(256);
        }

        var a = TlshHasher.Compute(data)!.Value;
        var b = TlshHasher.Compute(changed)!.Value;
        return (a.ToString(), b.ToString(), TlshDigest.Distance(a, b));
    }
}

internal sealed record ReportRows(Guid ReportId, IReadOnlyList<Guid> IndicatorIds);
