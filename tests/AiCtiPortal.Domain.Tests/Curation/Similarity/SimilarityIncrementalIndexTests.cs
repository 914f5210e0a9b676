using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static AiCtiPortal.Domain.Tests.Curation.Similarity.SimilarityTestBed;

namespace AiCtiPortal.Domain.Tests.Curation.Similarity;

/// <summary>
/// The stored signatures and the near-duplicate index follow the catalogue incrementally, and the checks never
/// trust a stale entry; a submission that changes or vanishes while its check runs ends cleanly (both providers).
/// </summary>
public abstract class SimilarityIncrementalIndexTests(ITestDatabases databases)
{
    private const string Text = "Attackers uploaded a poisoned checkpoint to a public model hub; loading it with torch load runs a reverse shell " +
        "that beacons to a command server and exfiltrates the environment variables of the training job.";

    private const string OtherText = "A typosquatted dataset loader on the package index downloads a second stage at import time and " +
        "replaces the tokenizer vocabulary so that a trigger phrase flips the sentiment classifier's verdict.";

    [Fact]
    public async Task Items_published_after_a_check_are_found_by_the_next_check_by_indexing_only_them()
    {
        var bed = await CreateAsync(databases);
        var near = TlshPair(seed: 31, changedBytes: 20);
        await bed.PublishedAsync("Unrelated", OtherText, Tlp.Green, Value(IndicatorType.ModelFileTlsh, TlshPair(seed: 5, changedBytes: 1).Original));
        var first = await bed.SubmittedAsync("Shell checkpoint", Text, Value(IndicatorType.ModelFileTlsh, near.Changed));
        await bed.CheckAsync(first.ReportId);
        Assert.DoesNotContain(await bed.FindingsAsync(first.ReportId), f => f.Kind is SimilarityFindingKind.SimilarText or SimilarityFindingKind.NearDuplicateArtifact);
        var writtenBefore = bed.Indexer.Written;

        var later = await bed.PublishedAsync("Shell checkpoint", Text, Tlp.Green, Value(IndicatorType.ModelFileTlsh, near.Original));
        var second = await bed.SubmittedAsync("Shell checkpoint again", Text, Value(IndicatorType.ModelFileTlsh, near.Changed));
        await bed.CheckAsync(second.ReportId);

        var findings = await bed.FindingsAsync(second.ReportId);
        Assert.Contains(findings, f => f.Kind == SimilarityFindingKind.SimilarText && f.OtherReportId == later.ReportId);
        Assert.Contains(findings, f => f.Kind == SimilarityFindingKind.NearDuplicateArtifact && f.OtherIndicatorId == later.IndicatorIds[0]);
        // Text and import-set rows of the one new report: nothing else was hashed again, and no index was rebuilt.
        Assert.Equal(2, bed.Indexer.Written - writtenBefore);
        Assert.Equal(1, bed.NearDuplicates.Builds);
    }

    [Fact]
    public async Task The_start_up_warm_up_builds_the_base_so_the_first_check_does_not()
    {
        var bed = await CreateAsync(databases);
        var near = TlshPair(seed: 17, changedBytes: 20);
        var published = await bed.PublishedAsync("Shell checkpoint", Text, Tlp.Green, Value(IndicatorType.ModelFileTlsh, near.Original));
        using var warmUp = new NearDuplicateIndexWarmUp(bed.NearDuplicates, NullLogger<NearDuplicateIndexWarmUp>.Instance);

        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.ExecuteTask!;
        Assert.Equal(1, bed.NearDuplicates.Builds);

        var submission = await bed.SubmittedAsync("Shell checkpoint again", OtherText, Value(IndicatorType.ModelFileTlsh, near.Changed));
        await bed.CheckAsync(submission.ReportId);
        Assert.Contains(await bed.FindingsAsync(submission.ReportId),
            f => f.Kind == SimilarityFindingKind.NearDuplicateArtifact && f.OtherIndicatorId == published.IndicatorIds[0]);
        Assert.Equal(1, bed.NearDuplicates.Builds);
    }

    [Fact]
    public async Task A_catch_up_reads_only_items_updated_since_the_previous_one_started()
    {
        var bed = await CreateAsync(databases);
        await bed.PublishedAsync("Unrelated", OtherText);
        var probe = await bed.SubmittedAsync("Probe", "Nothing alike at all.");
        await bed.CheckAsync(probe.ReportId);
        var writtenBefore = bed.Indexer.Written;

        // Written behind the workflow's back with an old timestamp: outside the window, so not read again.
        var old = await bed.PublishedAsync("Shell checkpoint", Text);
        await using (var db = bed.Db())
        {
            var longAgo = DateTime.UtcNow - SimilaritySignatureIndexer.ClockMargin - TimeSpan.FromDays(1);
            await db.Reports.Where(r => r.Id == old.ReportId).ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, longAgo));
        }

        var recent = await bed.PublishedAsync("Typosquatted loader", OtherText);
        var second = await bed.SubmittedAsync("Typosquatted loader", OtherText);
        await bed.CheckAsync(second.ReportId);

        Assert.Equal(2, bed.Indexer.Written - writtenBefore);
        Assert.Contains(await bed.FindingsAsync(second.ReportId), f => f.Kind == SimilarityFindingKind.SimilarText && f.OtherReportId == recent.ReportId);
    }

    [Fact]
    public async Task A_report_retracted_after_it_was_indexed_is_no_longer_reported()
    {
        var bed = await CreateAsync(databases);
        var published = await bed.PublishedAsync("Shell checkpoint", Text);
        var first = await bed.SubmittedAsync("Shell checkpoint", Text);
        await bed.CheckAsync(first.ReportId);
        Assert.Contains(await bed.FindingsAsync(first.ReportId), f => f.Kind == SimilarityFindingKind.SimilarText && f.OtherReportId == published.ReportId);
        await using (var db = bed.Db())
        {
            await db.Reports.Where(r => r.Id == published.ReportId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ContentStatus.Rejected));
        }

        var second = await bed.SubmittedAsync("Shell checkpoint", Text);
        await bed.CheckAsync(second.ReportId);

        Assert.DoesNotContain(await bed.FindingsAsync(second.ReportId), f => f.OtherReportId == published.ReportId);
    }

    [Fact]
    public async Task A_published_report_changed_to_a_new_version_is_compared_by_its_new_text()
    {
        var bed = await CreateAsync(databases);
        var published = await bed.PublishedAsync("Shell checkpoint", Text);
        var probe = await bed.SubmittedAsync("Probe", "Nothing alike at all.");
        await bed.CheckAsync(probe.ReportId);
        await using (var db = bed.Db())
        {
            await db.Reports.Where(r => r.Id == published.ReportId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.BodyMarkdown, OtherText).SetProperty(r => r.Title, "Typosquatted loader").SetProperty(r => r.Version, 2));
        }

        var old = await bed.SubmittedAsync("Shell checkpoint", Text);
        var current = await bed.SubmittedAsync("Typosquatted loader", OtherText);
        await bed.CheckAsync(old.ReportId);
        await bed.CheckAsync(current.ReportId);

        Assert.DoesNotContain(await bed.FindingsAsync(old.ReportId), f => f.OtherReportId == published.ReportId);
        Assert.Contains(await bed.FindingsAsync(current.ReportId), f => f.Kind == SimilarityFindingKind.SimilarText && f.OtherReportId == published.ReportId);
    }

    [Fact]
    public async Task A_report_deleted_while_its_check_runs_ends_with_a_clear_status_and_stores_nothing()
    {
        var bed = await CreateAsync(databases);
        await bed.PublishedAsync("Shell checkpoint", Text);
        var submission = await bed.SubmittedAsync("Shell checkpoint", Text);

        // Progress 80 is reported after measuring and before storing: the report vanishes in between.
        var outcome = await bed.Checks.RunAsync(submission.ReportId, 1, new At(80, () => DeleteAsync(bed, submission.ReportId)), CancellationToken.None);

        Assert.Equal(SimilarityCheckStatus.ReportMissing, outcome.Status);
        Assert.Contains("was deleted before its similarity check finished", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(await bed.FindingsAsync(submission.ReportId));
    }

    [Fact]
    public async Task A_report_resubmitted_while_its_check_runs_gets_no_findings_for_the_old_version()
    {
        var bed = await CreateAsync(databases);
        await bed.PublishedAsync("Shell checkpoint", Text);
        var submission = await bed.SubmittedAsync("Shell checkpoint", Text);

        var outcome = await bed.Checks.RunAsync(submission.ReportId, 1, new At(80, async () =>
        {
            await using var db = bed.Db();
            await db.Reports.Where(r => r.Id == submission.ReportId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, 2));
        }), CancellationToken.None);

        Assert.Equal(SimilarityCheckStatus.VersionChanged, outcome.Status);
        Assert.Contains("moved from version 1 to 2", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(await bed.FindingsAsync(submission.ReportId));
    }

    private static async Task DeleteAsync(SimilarityTestBed bed, Guid reportId)
    {
        await using var db = bed.Db();
        await db.ReportIndicators.Where(l => l.ReportId == reportId).ExecuteDeleteAsync();
        await db.Reports.Where(r => r.Id == reportId).ExecuteDeleteAsync();
    }

    /// <summary>Runs an action synchronously when the check reports a given progress (Progress&lt;T&gt; would post it later).</summary>
    private sealed class At(int percent, Func<Task> action) : IProgress<int>
    {
        public void Report(int value)
        {
            if (value == percent)
            {
                action().GetAwaiter().GetResult();
            }
        }
    }
}

public sealed class SqliteSimilarityIncrementalIndexTests(SqliteDatabases databases) : SimilarityIncrementalIndexTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresSimilarityIncrementalIndexTests(PostgresDatabases databases) : SimilarityIncrementalIndexTests(databases), IClassFixture<PostgresDatabases>;
