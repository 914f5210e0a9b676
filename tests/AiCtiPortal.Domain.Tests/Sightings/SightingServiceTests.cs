using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Sightings;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Domain.Tests.Identity.ApiTokens;
using AiCtiPortal.Domain.Tests.Reviews;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Sightings;

/// <summary>The sighting service on a real database (SQLite and PostgreSQL through the derived classes).</summary>
public abstract class SightingServiceTests(ITestDatabases databases)
{
    private static readonly DateTime Now = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_sighting_is_stored_and_raises_the_indicators_count_and_last_seen_in_one_save()
    {
        var bed = await BedAsync();
        var indicator = await bed.PublishedAsync(Tlp.Green);
        var reporter = await bed.ReporterAsync(Tlp.Green);

        var first = await bed.Service.RecordAsync(new SightingRequest { IndicatorId = indicator, SeenAt = Now.AddHours(-2), Count = 3, Source = " proxy " }, reporter);
        var second = await bed.Service.RecordAsync(new SightingRequest { IndicatorId = indicator, SeenAt = Now.AddHours(-5) }, reporter);

        Assert.Equal((SightingStatus.Recorded, 4), (second.Status, second.SightingCount));
        Assert.Equal(Now.AddHours(-2), second.LastSeen);
        Assert.Equal(Now.AddHours(-5), second.FirstSeen);
        await using var db = bed.Db();
        var row = await db.Sightings.AsNoTracking().SingleAsync(s => s.Id == first.SightingId);
        Assert.Equal(("proxy", 3, reporter.Key, reporter.TokenId), (row.Source, row.Count, row.ReporterKey, row.TokenId));
        var stored = await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == indicator);
        Assert.Equal((4, Now.AddHours(-2)), (stored.SightingCount, stored.LastSeen));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityId == indicator.ToString() && a.Action == SightingService.AuditAction));
    }

    [Fact]
    public async Task Concurrent_sightings_of_one_indicator_are_all_counted()
    {
        var bed = await BedAsync();
        var indicator = await bed.PublishedAsync(Tlp.Green);
        var reporter = await bed.ReporterAsync(Tlp.Green);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            bed.Service.RecordAsync(new SightingRequest { IndicatorId = indicator, Count = 2, ClientId = $"parallel-{i}" }, reporter))));

        await using var db = bed.Db();
        Assert.Equal(16, await db.Indicators.Where(i => i.Id == indicator).Select(i => i.SightingCount).SingleAsync());
        Assert.Equal(8, await db.Sightings.CountAsync(s => s.IndicatorId == indicator));
    }

    [Fact]
    public async Task A_value_is_normalised_before_it_is_matched_by_hash()
    {
        var bed = await BedAsync();
        var indicator = await bed.PublishedAsync(Tlp.Clear, IndicatorType.Domain, "models.example.org");
        var reporter = await bed.ReporterAsync(Tlp.Clear);

        var outcome = await bed.Service.RecordAsync(new SightingRequest { Type = IndicatorType.Domain, Value = "  MODELS.Example.ORG " }, reporter);

        Assert.Equal((SightingStatus.Recorded, indicator, 1), (outcome.Status, outcome.IndicatorId, outcome.SightingCount));
        Assert.Equal(Now, outcome.LastSeen);
    }

    [Fact]
    public async Task A_repeated_client_id_is_answered_once_and_not_counted_again()
    {
        var bed = await BedAsync();
        var indicator = await bed.PublishedAsync(Tlp.Green);
        var other = await bed.PublishedAsync(Tlp.Green);
        var reporter = await bed.ReporterAsync(Tlp.Green);
        var request = new SightingRequest { IndicatorId = indicator, Count = 2, ClientId = "scan-42" };

        var first = await bed.Service.RecordAsync(request, reporter);
        var retry = await bed.Service.RecordAsync(request, reporter);
        var conflict = await Assert.ThrowsAsync<SightingConflictException>(() =>
            bed.Service.RecordAsync(request with { IndicatorId = other }, reporter));
        var someoneElse = await bed.Service.RecordAsync(request, await bed.ReporterAsync(Tlp.Green));

        Assert.Equal(SightingStatus.Replayed, retry.Status);
        Assert.Equal((first.SightingId, 2), (retry.SightingId, retry.SightingCount));
        Assert.Contains("scan-42", conflict.Message, StringComparison.Ordinal);
        Assert.Equal((SightingStatus.Recorded, 4), (someoneElse.Status, someoneElse.SightingCount));
    }

    [Fact]
    public async Task Indicators_above_the_clearance_or_unpublished_are_not_found_and_not_counted()
    {
        var bed = await BedAsync();
        var amber = await bed.PublishedAsync(Tlp.Amber);
        var draft = await bed.PublishedAsync(Tlp.Clear, status: ContentStatus.InReview);
        var reporter = await bed.ReporterAsync(Tlp.Green);

        var hidden = await bed.Service.RecordAsync(new SightingRequest { IndicatorId = amber }, reporter);
        var unpublished = await bed.Service.RecordAsync(new SightingRequest { IndicatorId = draft }, reporter);
        var cleared = await bed.Service.RecordAsync(new SightingRequest { IndicatorId = amber }, reporter with { Clearance = Tlp.Amber });

        Assert.Equal(SightingStatus.NotFound, hidden.Status);
        Assert.Equal(SightingStatus.NotFound, unpublished.Status);
        Assert.Equal((SightingStatus.Recorded, 1), (cleared.Status, cleared.SightingCount));
        await using var db = bed.Db();
        Assert.Equal(0, await db.Indicators.Where(i => i.Id == draft).Select(i => i.SightingCount).SingleAsync());
    }

    [Fact]
    public async Task Invalid_requests_are_refused_with_every_reason_and_change_nothing()
    {
        var bed = await BedAsync();
        var indicator = await bed.PublishedAsync(Tlp.Green);
        var reporter = await bed.ReporterAsync(Tlp.Green);

        var refused = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Service.RecordAsync(new SightingRequest
        {
            IndicatorId = indicator, SeenAt = Now.AddDays(1), Count = 0, Source = new string('s', 201), ClientId = "not ok!",
        }, reporter));
        var badValue = await Assert.ThrowsAsync<WorkflowRuleException>(() =>
            bed.Service.RecordAsync(new SightingRequest { Type = IndicatorType.Domain, Value = "not a domain" }, reporter));
        var neither = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Service.RecordAsync(new SightingRequest(), reporter));

        Assert.Equal(4, refused.Errors.Count);
        Assert.Contains(refused.Errors, e => e.Contains("in the future", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.StartsWith("count", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.StartsWith("source", StringComparison.Ordinal));
        Assert.Contains(refused.Errors, e => e.StartsWith("id ", StringComparison.Ordinal));
        Assert.StartsWith("value is not a valid", Assert.Single(badValue.Errors), StringComparison.Ordinal);
        Assert.Contains("indicatorId", Assert.Single(neither.Errors), StringComparison.Ordinal);
        await using var db = bed.Db();
        Assert.False(await db.Sightings.AnyAsync(s => s.IndicatorId == indicator));
    }

    private async Task<SightingTestBed> BedAsync() => new(await databases.SharedMigratedAsync(), Now);
}

public sealed class SqliteSightingServiceTests(SqliteDatabases databases)
    : SightingServiceTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresSightingServiceTests(PostgresDatabases databases)
    : SightingServiceTests(databases), IClassFixture<PostgresDatabases>;

/// <summary>A sighting service on a migrated database with a fixed clock, and published indicators to report.</summary>
internal sealed class SightingTestBed(PortalDatabaseSettings settings, DateTime now)
{
    private readonly WorkflowTestBed _people = new(settings);

    public SightingService Service { get; } = new(TestContexts.Factory(settings), new ManualClock(now));

    public PortalDbContext Db() => TestContexts.Create(settings);

    public async Task<SightingReporter> ReporterAsync(Tlp clearance) =>
        new(Guid.NewGuid(), await _people.UserAsync(PortalRoles.Consumer), null, clearance);

    public async Task<Guid> PublishedAsync(
        Tlp tlp, IndicatorType type = IndicatorType.ModelFileSha256, string? value = null, ContentStatus status = ContentStatus.Published)
    {
        var author = await _people.UserAsync(PortalRoles.Contributor);
        value ??= Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var normalized = IndicatorCatalogue.Validate(type, value).NormalizedValue ?? throw new InvalidOperationException($"{value} is not valid");
        await using var db = Db();
        var indicator = new Indicator
        {
            Type = type, Value = value, NormalizedValue = normalized, ValueHash = IndicatorCatalogue.ValueHash(type, normalized),
            Tlp = tlp, Status = status, CreatedById = author, Phases = SupplyChainPhase.ModelArtifact,
        };
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync();
        return indicator.Id;
    }
}
