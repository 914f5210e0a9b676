using AiCtiPortal.Domain.Curation.Quality;
using AiCtiPortal.Domain.Curation.Quality.Decay;
using AiCtiPortal.Domain.Curation.Quality.Jobs;
using AiCtiPortal.Domain.Curation.Quality.Storage;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Identity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using AiCtiPortal.Domain.Tests.Identity.ApiTokens;

namespace AiCtiPortal.Domain.Tests.Curation.Quality;

/// <summary>A migrated database of its own, the quality services over it (tiny batches), and helpers that write rows.</summary>
internal sealed class QualityJobTestBed
{
    public const string Author = "quality-author";
    public static readonly DateTime Now = new(2026, 11, 23, 3, 0, 0, DateTimeKind.Utc);

    private QualityJobTestBed(PortalDatabaseSettings settings)
    {
        Settings = settings;
        var contexts = TestContexts.Factory(settings);
        Clock = new ManualClock(Now);
        var assessors = new QualityAssessorFactory(Options.Create(QualityOptions.Default), Clock);
        Checks = new QualityCheckService(contexts, assessors, Clock);
        Recheck = new QualityRecheckService(contexts, assessors, Options.Create(ConfidenceDecayOptions.Default),
            Options.Create(new QualityRecheckOptions { IndicatorBatchSize = 2, ReportBatchSize = 2 }), Clock);
    }

    public PortalDatabaseSettings Settings { get; }

    public ManualClock Clock { get; }

    public QualityCheckService Checks { get; }

    public QualityRecheckService Recheck { get; }

    public static async Task<QualityJobTestBed> CreateAsync(ITestDatabases databases)
    {
        var settings = await TestContexts.MigrateAsync(await databases.CreateAsync());
        await using var db = TestContexts.Create(settings);
        db.Users.Add(new PortalUser { Id = Author, UserName = "quality@example.org", Email = "quality@example.org" });
        await db.SaveChangesAsync();
        return new QualityJobTestBed(settings);
    }

    public PortalDbContext Db() => TestContexts.Create(Settings);

    /// <summary>A report with one reference and the given indicators, all in <paramref name="status"/>.</summary>
    public async Task<(Guid ReportId, List<Guid> IndicatorIds)> ReportAsync(
        ContentStatus status, string body, params (IndicatorType Type, string Value, int Confidence, DateTime CreatedAt)[] indicators)
    {
        await using var db = Db();
        var report = new ThreatReport
        {
            Title = "Poisoned checkpoint", Summary = "A checkpoint runs a shell when loaded.", BodyMarkdown = body, Status = status,
            AuthorId = Author, Phases = SupplyChainPhase.ModelArtifact, Tlp = Tlp.Green,
            References = [new ReportReference { Url = "https://example.org/advisory", Title = "Advisory" }],
        };
        db.Reports.Add(report);
        var ids = new List<Guid>();
        foreach (var (type, value, confidence, createdAt) in indicators)
        {
            var normalized = IndicatorCatalogue.Validate(type, value).NormalizedValue ?? value;
            var indicator = new Indicator
            {
                Type = type, Value = value, NormalizedValue = normalized, ValueHash = IndicatorCatalogue.ValueHash(type, normalized),
                Status = status, Tlp = Tlp.Green, CreatedById = Author, Confidence = confidence, CreatedAt = createdAt,
                Phases = SupplyChainPhase.ModelArtifact, Description = "Seen in a malicious upload.",
            };
            db.Indicators.Add(indicator);
            db.ReportIndicators.Add(new ReportIndicator { ReportId = report.Id, IndicatorId = indicator.Id });
            ids.Add(indicator.Id);
        }

        await db.SaveChangesAsync();
        return (report.Id, ids);
    }

    public async Task<StoredQualityAssessment?> StoredAsync(QualityItemKind kind, Guid id)
    {
        await using var db = Db();
        return await db.QualityAssessments.AsNoTracking().SingleOrDefaultAsync(a => a.ItemKind == kind && a.ItemId == id);
    }

    public async Task<Indicator> IndicatorAsync(Guid id)
    {
        await using var db = Db();
        return await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == id);
    }
}
