using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using Microsoft.EntityFrameworkCore;
using static AiCtiPortal.Domain.Tests.Curation.Similarity.SimilarityTestBed;

namespace AiCtiPortal.Domain.Tests.Curation.Similarity;

/// <summary>The similarity checks of a submission against the published catalogue (both providers).</summary>
public abstract class SimilarityCheckTests(ITestDatabases databases)
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public async Task An_exact_duplicate_of_a_published_indicator_is_found_with_the_report_documenting_it()
    {
        var bed = await CreateAsync(databases);
        var published = await bed.PublishedAsync("Known bad checkpoint", "Earlier report.", Tlp.Green, Value(IndicatorType.ModelFileSha256, Sha));
        var submission = await bed.SubmittedAsync("New sighting", "Different words entirely here.", Value(IndicatorType.ModelFileSha256, Sha));

        var outcome = await bed.CheckAsync(submission.ReportId);

        Assert.Equal(SimilarityCheckStatus.Completed, outcome.Status);
        var finding = Assert.Single(await bed.FindingsAsync(submission.ReportId), f => f.Kind == SimilarityFindingKind.ExactDuplicateIndicator);
        Assert.Equal(published.IndicatorIds[0], finding.OtherIndicatorId);
        Assert.Equal(published.ReportId, finding.OtherReportId);
        Assert.Equal(submission.IndicatorIds[0], finding.SubjectIndicatorId);
        Assert.Equal(1, finding.Score);
        Assert.Contains("Same Model file SHA-256", finding.Explanation, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SimilarityFindingStatus.Open, finding.Status);
    }

    [Fact]
    public async Task A_tlsh_digest_within_the_threshold_is_a_near_duplicate_and_one_beyond_it_is_not()
    {
        var bed = await CreateAsync(databases);
        var near = TlshPair(seed: 11, changedBytes: 20);
        var far = Enumerable.Range(1, 400).Select(n => TlshPair(seed: 23, changedBytes: n * 5)).First(p => p.Distance is > 45 and < 200);
        Assert.InRange(near.Distance, 1, 40);
        await bed.PublishedAsync("Near", "First published body.", Tlp.Green, Value(IndicatorType.ModelFileTlsh, near.Original));
        await bed.PublishedAsync("Far", "Second published body.", Tlp.Green, Value(IndicatorType.ModelFileTlsh, far.Original));
        var submission = await bed.SubmittedAsync("Variant", "Unrelated text of the submission.",
            Value(IndicatorType.ModelFileTlsh, near.Changed), Value(IndicatorType.ModelFileTlsh, far.Changed));

        await bed.CheckAsync(submission.ReportId);

        var finding = Assert.Single(await bed.FindingsAsync(submission.ReportId), f => f.Kind == SimilarityFindingKind.NearDuplicateArtifact);
        Assert.Equal(near.Distance, finding.NativeScore);
        Assert.Equal($"TLSH distance {near.Distance} (≤ 40 threshold) to a published model-file TLSH.", finding.Explanation);
        Assert.Equal(submission.IndicatorIds[0], finding.SubjectIndicatorId);
    }

    [Fact]
    public async Task Overlapping_pickle_import_sets_are_reported_with_their_jaccard_and_the_common_imports_left_out()
    {
        var bed = await CreateAsync(databases);
        string[] theirs = ["posix.system", "builtins.exec", "builtins.eval", "subprocess.Popen", "socket.socket", "torch._utils._rebuild_tensor_v2"];
        string[] ours = ["posix.system", "builtins.exec", "builtins.eval", "subprocess.Popen", "runpy._run_code", "collections.OrderedDict"];
        var published = await bed.PublishedAsync("Reverse shell pickle", "Published text.", Tlp.Green,
            theirs.Select(i => Value(IndicatorType.PickleImport, i)).ToArray());
        var submission = await bed.SubmittedAsync("Another shell", "Submission text.", ours.Select(i => Value(IndicatorType.PickleImport, i)).ToArray());

        await bed.CheckAsync(submission.ReportId);

        var finding = Assert.Single(await bed.FindingsAsync(submission.ReportId), f => f.Kind == SimilarityFindingKind.SimilarImportSet);
        Assert.Equal(published.ReportId, finding.OtherReportId);
        // 4 shared of 6 once the two warning-list imports are dropped.
        Assert.Equal(4.0 / 6, finding.Score, 6);
        Assert.StartsWith("Jaccard 0.67 over 6 pickle imports (4 shared", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_whose_text_repeats_a_published_one_is_similar_text()
    {
        var bed = await CreateAsync(databases);
        const string body = "The attacker uploaded a poisoned checkpoint to the hub under a name close to a popular model; loading it " +
            "with torch.load ran a reverse shell through posix.system and copied the user's tokens to a remote host.";
        var published = await bed.PublishedAsync("Typosquatted checkpoint", body, Tlp.Green);
        var submission = await bed.SubmittedAsync("Typosquatted checkpoint", body + " Seen again this week.");

        await bed.CheckAsync(submission.ReportId);

        var finding = Assert.Single(await bed.FindingsAsync(submission.ReportId), f => f.Kind == SimilarityFindingKind.SimilarText);
        Assert.Equal(published.ReportId, finding.OtherReportId);
        Assert.True(finding.Score >= 0.5);
    }

    [Fact]
    public async Task A_dismissed_pair_stays_dismissed_when_the_check_runs_again_and_on_the_next_version()
    {
        var bed = await CreateAsync(databases);
        await bed.PublishedAsync("Known", "Earlier.", Tlp.Green, Value(IndicatorType.ModelFileSha256, Sha));
        var submission = await bed.SubmittedAsync("New", "Other words.", Value(IndicatorType.ModelFileSha256, Sha));
        await bed.CheckAsync(submission.ReportId);
        var finding = Assert.Single(await bed.FindingsAsync(submission.ReportId));
        var reviewer = await ReviewerAsync(bed);

        await bed.Store.DismissAsync(finding.Id, reviewer, "Same sample, but a separate incident.");
        var rerun = await bed.CheckAsync(submission.ReportId);
        await using (var db = bed.Db())
        {
            await db.Reports.Where(r => r.Id == submission.ReportId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, 2));
        }

        await bed.CheckAsync(submission.ReportId, version: 2);

        var only = Assert.Single(await bed.FindingsAsync(submission.ReportId));
        Assert.Equal(SimilarityFindingStatus.Dismissed, only.Status);
        Assert.Equal(reviewer, only.DecidedById);
        Assert.Equal("Same sample, but a separate incident.", only.DecisionReason);
        Assert.Contains("1 already decided", rerun.Message, StringComparison.Ordinal);
        await using var check = bed.Db();
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityId == finding.Id.ToString() && a.Action == "Similarity.Dismissed"));
    }

    [Fact]
    public async Task Dismissing_without_a_reason_is_refused()
    {
        var bed = await CreateAsync(databases);
        await bed.PublishedAsync("Known", "Earlier.", Tlp.Green, Value(IndicatorType.ModelFileSha256, Sha));
        var submission = await bed.SubmittedAsync("New", "Other words.", Value(IndicatorType.ModelFileSha256, Sha));
        await bed.CheckAsync(submission.ReportId);
        var finding = Assert.Single(await bed.FindingsAsync(submission.ReportId));

        await Assert.ThrowsAsync<Domain.Reviews.WorkflowRuleException>(() => bed.Store.DismissAsync(finding.Id, "anyone", "  "));
    }

    [Fact]
    public async Task Running_the_check_again_replaces_open_findings_without_duplicating_them()
    {
        var bed = await CreateAsync(databases);
        await bed.PublishedAsync("Known", "Earlier.", Tlp.Green, Value(IndicatorType.ModelFileSha256, Sha));
        var submission = await bed.SubmittedAsync("New", "Other words.", Value(IndicatorType.ModelFileSha256, Sha));
        await bed.CheckAsync(submission.ReportId);
        var first = Assert.Single(await bed.FindingsAsync(submission.ReportId));

        await bed.CheckAsync(submission.ReportId);
        await bed.CheckAsync(submission.ReportId);

        var again = Assert.Single(await bed.FindingsAsync(submission.ReportId));
        Assert.Equal(first.PairKey, again.PairKey);
        Assert.NotEqual(first.Id, again.Id);
    }

    [Fact]
    public async Task A_value_found_in_more_published_items_than_the_threshold_yields_one_summary_finding()
    {
        var bed = await CreateAsync(databases, new SimilarityOptions { CommonValueThreshold = 3 });
        for (var i = 0; i < 5; i++)
        {
            await bed.PublishedAsync($"Report {i}", $"Body number {i}.", Tlp.Green, Value(IndicatorType.Domain, "huggingface.co"));
        }

        var submission = await bed.SubmittedAsync("New", "Other words.", Value(IndicatorType.Domain, "huggingface.co"));

        await bed.CheckAsync(submission.ReportId);

        var finding = Assert.Single(await bed.FindingsAsync(submission.ReportId));
        Assert.True(finding.IsCommonValue);
        Assert.Null(finding.OtherIndicatorId);
        Assert.Equal(5, finding.NativeScore);
        Assert.Contains("more than 3 published items", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_on_the_warning_list_yields_one_summary_finding_and_no_links()
    {
        var bed = await CreateAsync(databases);
        await bed.PublishedAsync("Empty file", "Earlier.", Tlp.Green, Value(IndicatorType.ModelFileSha256, CommonValueWarningList.EmptyFileSha256));
        var submission = await bed.SubmittedAsync("New", "Other words.", Value(IndicatorType.ModelFileSha256, CommonValueWarningList.EmptyFileSha256));

        await bed.CheckAsync(submission.ReportId);

        var finding = Assert.Single(await bed.FindingsAsync(submission.ReportId));
        Assert.True(finding.IsCommonValue);
        Assert.Contains("empty file", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_report_ends_the_check_with_a_clear_status_and_no_findings()
    {
        var bed = await CreateAsync(databases);
        var submission = await bed.SubmittedAsync("Gone", "Soon deleted.");
        await using (var db = bed.Db())
        {
            await db.ReportIndicators.Where(l => l.ReportId == submission.ReportId).ExecuteDeleteAsync();
            await db.Reports.Where(r => r.Id == submission.ReportId).ExecuteDeleteAsync();
        }

        var outcome = await bed.CheckAsync(submission.ReportId);

        Assert.Equal(SimilarityCheckStatus.ReportMissing, outcome.Status);
        Assert.Contains("was deleted", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(await bed.FindingsAsync(submission.ReportId));
    }

    [Fact]
    public async Task A_report_that_moved_to_a_new_version_is_not_given_findings_for_the_old_one()
    {
        var bed = await CreateAsync(databases);
        await bed.PublishedAsync("Known", "Earlier.", Tlp.Green, Value(IndicatorType.ModelFileSha256, Sha));
        var submission = await bed.SubmittedAsync("New", "Other words.", Value(IndicatorType.ModelFileSha256, Sha));
        var candidates = new[] { new SimilarityCandidate(SimilarityFindingKind.SimilarText, null, "report", null, null, 1, 1, "x") };
        await using (var db = bed.Db())
        {
            await db.Reports.Where(r => r.Id == submission.ReportId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, 2));
        }

        var outcome = await bed.Store.ReplaceOpenAsync(submission.ReportId, 1, candidates, CancellationToken.None);

        Assert.Equal(SimilarityCheckStatus.VersionChanged, outcome.Status);
        Assert.Empty(await bed.FindingsAsync(submission.ReportId));
    }

    [Fact]
    public async Task Findings_pointing_above_the_reviewers_clearance_are_counted_but_never_shown()
    {
        var bed = await CreateAsync(databases);
        await bed.PublishedAsync("Green one", "Earlier.", Tlp.Green, Value(IndicatorType.ModelFileSha256, Sha));
        await bed.PublishedAsync("Amber one", "Restricted.", Tlp.Amber, Value(IndicatorType.ModelFileSha256, Sha));
        var submission = await bed.SubmittedAsync("New", "Other words.", Value(IndicatorType.ModelFileSha256, Sha));
        await bed.CheckAsync(submission.ReportId);
        Assert.Equal(2, (await bed.FindingsAsync(submission.ReportId)).Count);
        var reviewer = await ReviewerAsync(bed);

        await using var db = bed.Db();
        var green = await SimilarityFindingQueries.ForReviewAsync(db, submission.ReportId, reviewer, Tlp.Green, CancellationToken.None);
        var amber = await SimilarityFindingQueries.ForReviewAsync(db, submission.ReportId, reviewer, Tlp.Amber, CancellationToken.None);

        var shown = Assert.Single(green.Findings);
        Assert.Equal("Green one", shown.OtherReportTitle);
        Assert.Equal(1, green.AboveClearance);
        Assert.Equal(2, amber.Findings.Count);
        Assert.Equal(0, amber.AboveClearance);
        var hidden = (await bed.FindingsAsync(submission.ReportId)).Single(f => f.Id != shown.Finding.Id);
        await Assert.ThrowsAsync<Domain.Reviews.WorkflowRuleException>(() => bed.Store.ConfirmAsync(hidden.Id, reviewer));
    }

    /// <summary>A reviewer without organisations: cleared for TLP:GREEN by the role alone.</summary>
    private static async Task<string> ReviewerAsync(SimilarityTestBed bed)
    {
        await using var db = bed.Db();
        var role = await db.Roles.SingleOrDefaultAsync(r => r.NormalizedName == "REVIEWER");
        if (role is null)
        {
            role = new Microsoft.AspNetCore.Identity.IdentityRole(Domain.Identity.PortalRoles.Reviewer) { NormalizedName = "REVIEWER" };
            db.Roles.Add(role);
        }

        var user = new Domain.Identity.PortalUser { UserName = $"reviewer-{Guid.NewGuid():N}" };
        db.Users.Add(user);
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
        return user.Id;
    }
}

public sealed class SqliteSimilarityCheckTests(SqliteDatabases databases) : SimilarityCheckTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresSimilarityCheckTests(PostgresDatabases databases) : SimilarityCheckTests(databases), IClassFixture<PostgresDatabases>;
