using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiCtiPortal.Domain.Tests.Catalogue;

/// <summary>
/// Catalogue content on a shared migrated database. Every title carries <see cref="Marker"/>, a word no other test
/// uses, and searches include it, so counts see exactly this test's rows although the database is shared.
/// </summary>
internal sealed class CatalogueTestBed(PortalDatabaseSettings settings)
{
    public static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    public string Marker { get; } = $"mk{Guid.NewGuid():N}"[..18];

    public PortalDatabaseSettings Settings => settings;

    public ICatalogueSearch Search { get; } = NewSearch(settings, new FixedClock(Now));

    /// <summary>A search service with a snapshot cache of its own, as one portal process has.</summary>
    public static CatalogueSearchService NewSearch(PortalDatabaseSettings settings, TimeProvider clock, CatalogueSnapshotCache? snapshots = null) =>
        new(new TestContextFactory(settings), snapshots ?? NewSnapshots(settings), clock, NullLogger<CatalogueSearchService>.Instance);

    public static CatalogueSnapshotCache NewSnapshots(PortalDatabaseSettings settings) =>
        new(new TestContextFactory(settings), NullLogger<CatalogueSnapshotCache>.Instance);

    public PortalDbContext Db() => TestContexts.Create(settings);

    public CatalogueQuery Query(CatalogueQuery? query = null) => (query ?? new CatalogueQuery()) with
    {
        Text = string.IsNullOrEmpty(query?.Text) ? Marker : $"{Marker} {query.Text}",
    };

    public async Task<string> UserAsync(string name = "Catalogue tester")
    {
        await using var db = Db();
        var user = new PortalUser { UserName = $"user-{Guid.NewGuid():N}", DisplayName = name };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task<ThreatReport> ReportAsync(string authorId, string title, Action<ThreatReport>? shape = null,
        IReadOnlyList<Indicator>? indicators = null, string[]? techniques = null, (string ReviewerId, int Score)[]? reviews = null)
    {
        await using var db = Db();
        var report = new ThreatReport
        {
            Title = $"{Marker} {title}",
            Summary = "Catalogue test report.",
            BodyMarkdown = "Body.",
            Phases = SupplyChainPhase.ModelArtifact,
            Tlp = Tlp.Clear,
            Confidence = 60,
            Status = ContentStatus.Published,
            AuthorId = authorId,
            CreatedAt = Now.AddDays(-3),
            UpdatedAt = Now.AddDays(-2),
            PublishedAt = Now.AddDays(-2),
        };
        shape?.Invoke(report);
        foreach (var indicator in indicators ?? [])
        {
            report.Indicators.Add(new ReportIndicator
            {
                Report = report,
                Indicator = indicator.CreatedById == "" ? Own(indicator, authorId) : indicator,
            });
        }

        report.Techniques.AddRange((techniques ?? []).Select(t => new ReportTechnique { TechniqueId = t }));
        var rows = (reviews ?? []).Select(r => new Review
        {
            ReportId = report.Id, ReportVersion = report.Version, ReviewerId = r.ReviewerId, Decision = ReviewDecision.Approve,
            EvidenceScore = r.Score, SpecificityScore = r.Score, CorrectnessScore = r.Score, NoveltyScore = r.Score,
            CompletenessScore = r.Score, CreatedAt = Now,
        }).ToList();
        if (report.Status == ContentStatus.Published)
        {
            CatalogueStatistics.Apply(report, rows);
        }

        db.Reports.Add(report);
        db.Reviews.AddRange(rows);
        await db.SaveChangesAsync();
        return report;
    }

    public static Indicator Indicator(IndicatorType type, string value, Tlp tlp = Tlp.Clear, ContentStatus status = ContentStatus.Published)
    {
        var validation = IndicatorCatalogue.Validate(type, value);
        var normalized = validation.NormalizedValue
            ?? throw new InvalidOperationException($"Test value {value} is invalid: {string.Join(" ", validation.Errors)}");
        return new Indicator
        {
            Type = type, Value = value, NormalizedValue = normalized, ValueHash = IndicatorCatalogue.ValueHash(type, normalized),
            Tlp = tlp, Status = status, CreatedAt = Now.AddDays(-3), UpdatedAt = Now.AddDays(-2),
        };
    }

    public static string Sha256Hex() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());

    private static Indicator Own(Indicator indicator, string authorId)
    {
        indicator.CreatedById = authorId;
        return indicator;
    }

    /// <summary>Publication windows ("past week") are relative to now; a fixed now keeps the counts exact.</summary>
    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}

internal sealed class TestContextFactory(PortalDatabaseSettings settings) : IDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext() => TestContexts.Create(settings);
}
