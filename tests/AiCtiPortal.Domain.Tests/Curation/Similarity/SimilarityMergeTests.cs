using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reviews;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;
using static AiCtiPortal.Domain.Tests.Curation.Similarity.SimilarityTestBed;

namespace AiCtiPortal.Domain.Tests.Curation.Similarity;

/// <summary>Confirming a duplicate merges it into the published indicator, keeping provenance (both providers).</summary>
public abstract class SimilarityMergeTests(ITestDatabases databases)
{
    private const string Sha = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

    [Fact]
    public async Task Confirming_an_exact_duplicate_links_the_report_to_the_published_indicator_and_retires_the_duplicate_with_provenance()
    {
        var (bed, published, submission, finding) = await DuplicateAsync();
        var reviewer = await bed.ReviewerAsync();

        await bed.Store.ConfirmAsync(finding.Id, reviewer);

        await using var db = bed.Db();
        var links = await db.ReportIndicators.Where(l => l.ReportId == submission.ReportId).Select(l => l.IndicatorId).ToListAsync();
        Assert.Equal([published.IndicatorIds[0]], links);
        var duplicate = await db.Indicators.SingleAsync(i => i.Id == submission.IndicatorIds[0]);
        Assert.Equal(ContentStatus.Merged, duplicate.Status);
        var merge = await db.IndicatorMerges.SingleAsync();
        Assert.Equal((published.IndicatorIds[0], duplicate.Id, submission.ReportId, Author, reviewer, Sha),
            (merge.SurvivorIndicatorId, merge.MergedIndicatorId, merge.ReportId, merge.SubmittedById, merge.MergedById, merge.MergedValue));
        Assert.Equal(SimilarityFindingStatus.Confirmed, (await db.SimilarityFindings.SingleAsync(f => f.Id == finding.Id)).Status);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityId == published.IndicatorIds[0].ToString() && a.Action == "Indicator.MergeDuplicate");
        Assert.Contains(submission.ReportId.ToString(), audit.AfterJson, StringComparison.Ordinal);
        Assert.Contains(Author, audit.AfterJson, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == duplicate.Id.ToString() && a.Action == "Indicator.MergedInto"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == finding.Id.ToString() && a.Action == "Similarity.Confirmed"));
    }

    [Fact]
    public async Task Confirming_a_finding_twice_is_refused_and_merges_once()
    {
        var (bed, _, _, finding) = await DuplicateAsync();
        var reviewer = await bed.ReviewerAsync();
        await bed.Store.ConfirmAsync(finding.Id, reviewer);

        var error = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Store.ConfirmAsync(finding.Id, reviewer));

        Assert.Contains("already confirmed", error.Message, StringComparison.Ordinal);
        await using var db = bed.Db();
        Assert.Equal(1, await db.IndicatorMerges.CountAsync());
    }

    [Fact]
    public async Task Confirming_after_the_submission_moved_to_a_new_version_is_refused_and_changes_nothing()
    {
        var (bed, _, submission, finding) = await DuplicateAsync();
        var reviewer = await bed.ReviewerAsync();
        await using (var db = bed.Db())
        {
            await db.Reports.Where(r => r.Id == submission.ReportId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, 2));
        }

        var error = await Assert.ThrowsAsync<WorkflowConflictException>(() => bed.Store.ConfirmAsync(finding.Id, reviewer));

        Assert.Contains("now version 2", error.Message, StringComparison.Ordinal);
        await using var check = bed.Db();
        Assert.Equal(SimilarityFindingStatus.Open, (await check.SimilarityFindings.SingleAsync(f => f.Id == finding.Id)).Status);
        Assert.Equal(ContentStatus.InReview, (await check.Indicators.SingleAsync(i => i.Id == submission.IndicatorIds[0])).Status);
        Assert.Empty(await check.IndicatorMerges.ToListAsync());
    }

    [Fact]
    public async Task Confirming_when_the_published_indicator_was_retracted_is_refused()
    {
        var (bed, published, _, finding) = await DuplicateAsync();
        var reviewer = await bed.ReviewerAsync();
        await using (var db = bed.Db())
        {
            await db.Indicators.Where(i => i.Id == published.IndicatorIds[0]).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ContentStatus.Rejected));
        }

        var error = await Assert.ThrowsAsync<WorkflowRuleException>(() => bed.Store.ConfirmAsync(finding.Id, reviewer));

        // A retracted indicator is no longer one the reviewer may be shown, so the finding is refused as not visible.
        Assert.Contains("cannot see it", error.Message, StringComparison.Ordinal);
        await using var check = bed.Db();
        Assert.Equal(SimilarityFindingStatus.Open, (await check.SimilarityFindings.SingleAsync(f => f.Id == finding.Id)).Status);
    }

    [Fact]
    public async Task Confirming_a_report_level_finding_records_the_decision_without_merging()
    {
        var bed = await CreateAsync(databases);
        const string text = "A poisoned checkpoint uploaded to a public model hub executes a reverse shell when the model is loaded with torch load and unpickled by the victim.";
        await bed.PublishedAsync("Reverse shell in a checkpoint", text);
        var submission = await bed.SubmittedAsync("Reverse shell in a checkpoint", text);
        await bed.CheckAsync(submission.ReportId);
        var finding = Assert.Single(await bed.FindingsAsync(submission.ReportId), f => f.Kind == SimilarityFindingKind.SimilarText);

        await bed.Store.ConfirmAsync(finding.Id, await bed.ReviewerAsync());

        await using var db = bed.Db();
        Assert.Equal(SimilarityFindingStatus.Confirmed, (await db.SimilarityFindings.SingleAsync(f => f.Id == finding.Id)).Status);
        Assert.Empty(await db.IndicatorMerges.ToListAsync());
    }

    private async Task<(SimilarityTestBed Bed, ReportRows Published, ReportRows Submission, SimilarityFinding Finding)> DuplicateAsync()
    {
        var bed = await CreateAsync(databases);
        var published = await bed.PublishedAsync("Known bad checkpoint", "Earlier report.", Tlp.Green, Value(IndicatorType.ModelFileSha256, Sha));
        var submission = await bed.SubmittedAsync("New sighting", "Different words entirely here.", Value(IndicatorType.ModelFileSha256, Sha));
        await bed.CheckAsync(submission.ReportId);
        var finding = Assert.Single(await bed.FindingsAsync(submission.ReportId), f => f.Kind == SimilarityFindingKind.ExactDuplicateIndicator);
        return (bed, published, submission, finding);
    }
}

public sealed class SqliteSimilarityMergeTests(SqliteDatabases databases) : SimilarityMergeTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresSimilarityMergeTests(PostgresDatabases databases) : SimilarityMergeTests(databases), IClassFixture<PostgresDatabases>;
