using AiCtiPortal.Domain.Curation.Quality;
using AiCtiPortal.Domain.Curation.Quality.Jobs;
using AiCtiPortal.Domain.Curation.Quality.Storage;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Curation.Quality;

/// <summary>Scores and reasons stored by the submission check and the nightly re-check, on SQLite and PostgreSQL.</summary>
public abstract class QualityStorageTests(ITestDatabases databases)
{
    private const string Sha = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    private const string LongBody = "The checkpoint's pickle stream imports posix.system and runs a reverse shell when it is loaded. " +
        "It was uploaded to a public model hub under a name one character away from a popular model, and downloaded " +
        "a few hundred times before it was taken down. Scanning pickles before loading them, or loading safetensors only, " +
        "stops it.";

    private static readonly DateTime Recent = QualityJobTestBed.Now.AddDays(-1);

    [Fact]
    public async Task A_submission_check_stores_the_scores_and_reasons_of_the_report_and_its_indicators()
    {
        var bed = await QualityJobTestBed.CreateAsync(databases);
        var (reportId, indicators) = await bed.ReportAsync(ContentStatus.InReview, "Too short.",
            (IndicatorType.ModelFileSha256, Sha, 80, Recent), (IndicatorType.Url, "https://evil.example.net/payload", 80, Recent));

        var outcome = await bed.Checks.RunAsync(reportId, 1, null, CancellationToken.None);

        Assert.Equal(QualityCheckStatus.Completed, outcome.Status);
        var report = await bed.StoredAsync(QualityItemKind.Report, reportId);
        Assert.NotNull(report);
        var reasons = QualityFindingsJson.Read(report.Findings);
        Assert.Contains(reasons, f => f.Code == QualityRules.ReportBodyShort.Code && f.Severity == QualitySeverity.Warning && f.Message.Length > 0);
        Assert.Equal(QualityRules.Version, report.RulesVersion);
        Assert.Equal(QualityJobTestBed.Now, report.AssessedAt);
        await using var db = bed.Db();
        Assert.Equal(report.Score, await db.Reports.Where(r => r.Id == reportId).Select(r => r.QualityScore).SingleAsync());

        var url = await bed.IndicatorAsync(indicators[1]);
        var urlReasons = QualityFindingsJson.Read((await bed.StoredAsync(QualityItemKind.Indicator, url.Id))!.Findings);
        Assert.Contains(urlReasons, f => f.Code == QualityRules.IndicatorTimeBoundsMissing.Code);
        Assert.Equal(100 - urlReasons.Sum(f => f.Weight), url.QualityScore);
        Assert.Equal(100, (await bed.IndicatorAsync(indicators[0])).QualityScore);
    }

    [Fact]
    public async Task A_second_check_replaces_the_stored_reasons()
    {
        var bed = await QualityJobTestBed.CreateAsync(databases);
        var (reportId, _) = await bed.ReportAsync(ContentStatus.InReview, "Too short.", (IndicatorType.ModelFileSha256, Sha, 80, Recent));
        await bed.Checks.RunAsync(reportId, 1, null, CancellationToken.None);
        await using (var db = bed.Db())
        {
            var report = await db.Reports.SingleAsync(r => r.Id == reportId);
            report.BodyMarkdown = LongBody;
            await db.SaveChangesAsync();
        }

        await bed.Checks.RunAsync(reportId, 1, null, CancellationToken.None);

        await using var check = bed.Db();
        var rows = await check.QualityAssessments.AsNoTracking().Where(a => a.ItemId == reportId).ToListAsync();
        var stored = Assert.Single(rows);
        Assert.DoesNotContain(QualityFindingsJson.Read(stored.Findings), f => f.Code == QualityRules.ReportBodyShort.Code);
        Assert.Equal(stored.Score, await check.Reports.Where(r => r.Id == reportId).Select(r => r.QualityScore).SingleAsync());
    }

    [Fact]
    public async Task A_check_of_a_deleted_report_ends_with_a_message_saying_so()
    {
        var bed = await QualityJobTestBed.CreateAsync(databases);
        var missing = Guid.NewGuid();

        var outcome = await bed.Checks.RunAsync(missing, 1, null, CancellationToken.None);

        Assert.Equal((QualityCheckStatus.ReportMissing, $"Nothing checked: report {missing} was deleted before its quality check ran."),
            (outcome.Status, outcome.Message));
    }

    [Fact]
    public async Task The_nightly_recheck_scores_the_published_catalogue_and_decays_confidence_keeping_the_original()
    {
        var bed = await QualityJobTestBed.CreateAsync(databases);
        var (published, ids) = await bed.ReportAsync(ContentStatus.Published, LongBody,
            (IndicatorType.Url, "https://old.example.net/a", 80, QualityJobTestBed.Now.AddDays(-90)),
            (IndicatorType.ModelFileSha256, Sha, 80, Recent),
            (IndicatorType.Domain, "fresh.example.net", 60, QualityJobTestBed.Now));
        var (draft, draftIndicators) = await bed.ReportAsync(ContentStatus.Draft, "Draft.", (IndicatorType.Url, "https://draft.example.net/", 80, QualityJobTestBed.Now.AddDays(-400)));

        var outcome = await bed.Recheck.RunAsync(null, CancellationToken.None);

        Assert.Equal((3, 1, 0), (outcome.Indicators, outcome.Reports, outcome.Skipped));
        var old = await bed.IndicatorAsync(ids[0]);
        Assert.Equal((45, 80, 45), (old.Confidence, old.SubmittedConfidence, old.DecayedConfidence));
        var fresh = await bed.IndicatorAsync(ids[2]);
        Assert.Equal((60, (int?)null, (int?)null), (fresh.Confidence, fresh.SubmittedConfidence, fresh.DecayedConfidence));
        Assert.All(ids, id => Assert.NotNull(bed.StoredAsync(QualityItemKind.Indicator, id).Result));
        Assert.NotNull(await bed.StoredAsync(QualityItemKind.Report, published));
        Assert.Null(await bed.StoredAsync(QualityItemKind.Report, draft));
        Assert.Equal((80, (int?)null), ((await bed.IndicatorAsync(draftIndicators[0])).Confidence, (await bed.IndicatorAsync(draftIndicators[0])).QualityScore));

        // A second night later: computed from the original again, never compounded.
        bed.Clock.Advance(TimeSpan.FromDays(90));
        var second = await bed.Recheck.RunAsync(null, CancellationToken.None);
        old = await bed.IndicatorAsync(ids[0]);
        Assert.Equal((28, 80, 28), (old.Confidence, old.SubmittedConfidence, old.DecayedConfidence));
        Assert.True(second.ConfidencesDecayed >= 1);
    }

    [Fact]
    public async Task A_sighting_after_decay_restores_the_original_confidence()
    {
        var bed = await QualityJobTestBed.CreateAsync(databases);
        var (_, ids) = await bed.ReportAsync(ContentStatus.Published, LongBody, (IndicatorType.Url, "https://old.example.net/b", 80, QualityJobTestBed.Now.AddDays(-90)));
        await bed.Recheck.RunAsync(null, CancellationToken.None);
        await using (var db = bed.Db())
        {
            await db.Indicators.Where(i => i.Id == ids[0])
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LastSeen, QualityJobTestBed.Now).SetProperty(i => i.SightingCount, 1));
        }

        await bed.Recheck.RunAsync(null, CancellationToken.None);

        var indicator = await bed.IndicatorAsync(ids[0]);
        Assert.Equal((80, (int?)null, (int?)null), (indicator.Confidence, indicator.SubmittedConfidence, indicator.DecayedConfidence));
    }

    [Fact]
    public async Task Items_deleted_or_edited_while_the_recheck_holds_them_are_skipped_and_counted()
    {
        var bed = await QualityJobTestBed.CreateAsync(databases);
        var (_, ids) = await bed.ReportAsync(ContentStatus.Published, LongBody,
            (IndicatorType.Url, "https://old.example.net/c", 80, QualityJobTestBed.Now.AddDays(-90)),
            (IndicatorType.Url, "https://old.example.net/d", 80, QualityJobTestBed.Now.AddDays(-90)),
            (IndicatorType.ModelFileSha256, Sha, 80, Recent));
        var deleted = ids[0];
        var edited = ids[1];
        var done = false;
        bed.Recheck.BeforeWrite = async (results, ct) =>
        {
            if (done || !results.Any(r => r.Id == deleted || r.Id == edited))
            {
                return;
            }

            done = true;
            await using var db = bed.Db();
            await db.ReportIndicators.Where(l => l.IndicatorId == deleted).ExecuteDeleteAsync(ct);
            await db.Indicators.Where(i => i.Id == deleted).ExecuteDeleteAsync(ct);
            var indicator = await db.Indicators.SingleAsync(i => i.Id == edited, ct);
            indicator.Description = "Edited while the re-check ran.";
            await db.SaveChangesAsync(ct); // renews the concurrency stamp
        };

        var outcome = await bed.Recheck.RunAsync(null, CancellationToken.None);

        Assert.True(outcome.Skipped >= 1, outcome.Message);
        Assert.Contains("changed or were deleted during the run", outcome.Message, StringComparison.Ordinal);
        Assert.Null(await bed.StoredAsync(QualityItemKind.Indicator, deleted));
        var untouched = await bed.IndicatorAsync(ids[2]);
        Assert.NotNull(untouched.QualityScore);
        if (outcome.Skipped == 2)
        {
            // Both were in the batch being written: the edited one keeps its columns as the editor left them.
            var edit = await bed.IndicatorAsync(edited);
            Assert.Equal((80, (int?)null, (int?)null), (edit.Confidence, edit.QualityScore, edit.SubmittedConfidence));
            Assert.Null(await bed.StoredAsync(QualityItemKind.Indicator, edited));
        }
    }

    [Fact]
    public async Task The_recheck_removes_assessments_of_deleted_items()
    {
        var bed = await QualityJobTestBed.CreateAsync(databases);
        var (_, ids) = await bed.ReportAsync(ContentStatus.Published, LongBody, (IndicatorType.ModelFileSha256, Sha, 80, Recent));
        await bed.Recheck.RunAsync(null, CancellationToken.None);
        await using (var db = bed.Db())
        {
            await db.ReportIndicators.Where(l => l.IndicatorId == ids[0]).ExecuteDeleteAsync();
            await db.Indicators.Where(i => i.Id == ids[0]).ExecuteDeleteAsync();
        }

        var outcome = await bed.Recheck.RunAsync(null, CancellationToken.None);

        Assert.Equal(1, outcome.StaleRemoved);
        Assert.Null(await bed.StoredAsync(QualityItemKind.Indicator, ids[0]));
    }

    [Fact]
    public async Task Contradictory_verdicts_across_published_items_are_found_by_the_recheck()
    {
        var bed = await QualityJobTestBed.CreateAsync(databases);
        var (_, asserted) = await bed.ReportAsync(ContentStatus.Published, LongBody, (IndicatorType.ModelFileSha256, Sha, 90, Recent));
        var (doubtingReport, _) = await bed.ReportAsync(ContentStatus.Published, LongBody, (IndicatorType.ModelFileSha256, Sha, 20, Recent));

        await bed.Recheck.RunAsync(null, CancellationToken.None);

        var reasons = QualityFindingsJson.Read((await bed.StoredAsync(QualityItemKind.Indicator, asserted[0]))!.Findings);
        var conflict = Assert.Single(reasons, f => f.Code == QualityRules.IndicatorVerdictConflict.Code);
        Assert.Contains(doubtingReport.ToString(), conflict.Subjects);
    }
}

public sealed class SqliteQualityStorageTests(SqliteDatabases databases) : QualityStorageTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresQualityStorageTests(PostgresDatabases databases) : QualityStorageTests(databases), IClassFixture<PostgresDatabases>;
