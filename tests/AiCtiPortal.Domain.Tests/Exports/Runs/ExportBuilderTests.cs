using System.Text.Json.Nodes;
using AiCtiPortal.Domain.Exports.Packages;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Domain.Tests.Data;
using AiCtiPortal.Domain.Tests.Exports.Sets;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Tests.Exports.Runs;

/// <summary>
/// Building exports of curated sets: every format published with a manifest that matches its files, incremental
/// exports holding only what changed, the ceiling of the least-cleared reader, retention, and failures that leave
/// nothing visible. Each test has a database and data folder of its own.
/// </summary>
public abstract class ExportBuilderTests(ITestDatabases databases)
{
    private static readonly DateTime Now = CuratedSetTestBed.Now;

    [Theory]
    [InlineData(ExportFormat.StixBundle)]
    [InlineData(ExportFormat.MispEvents)]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.JsonLines)]
    public async Task Each_format_is_published_with_a_manifest_whose_hashes_match_its_files(ExportFormat format)
    {
        using var bed = await ExportTestBed.CreateAsync(databases);
        await bed.Sets.TechniquesAsync(("AML.T0010", null));
        await bed.Sets.ReportAsync(indicators: [CuratedSetTestBed.Indicator(), CuratedSetTestBed.Indicator(Tlp.Green)], techniques: "AML.T0010");
        await bed.Sets.ReportAsync(indicators: [CuratedSetTestBed.Indicator()]);
        await bed.Sets.LooseIndicatorAsync(CuratedSetTestBed.Indicator());
        var (_, _, set) = await bed.Sets.SavedSetAsync();
        bed.Sets.Clock.UtcNow = Now.AddHours(1);

        var run = await bed.BuildAsync(set.Id, format);

        Assert.Equal((ExportRunStatus.Succeeded, 100, ExportKind.Full), (run.Status, run.Progress, run.Kind));
        Assert.Equal(Now.AddHours(1), run.CutOff);
        var manifest = await bed.VerifiedManifestAsync(run);
        Assert.Equal(ExportFiles.FormatName(format), manifest.Format);
        switch (format)
        {
            case ExportFormat.StixBundle:
                Assert.Equal((2, 4), (run.ReportCount, run.IndicatorCount));
                var bundle = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(bed.PackageFolder(run), ExportFiles.StixBundle)))!;
                var objects = bundle["objects"]!.AsArray();
                Assert.Equal(run.ObjectCount, objects.Count);
                var pattern = Assert.Single(objects, o => (string?)o!["type"] == "attack-pattern")!;
                Assert.Equal("AML.T0010", (string?)pattern["external_references"]![0]!["external_id"]);
                Assert.Empty(StixSchemas.Validate(bundle));
                break;
            case ExportFormat.MispEvents:
                Assert.Equal((2, 3), (run.ReportCount, run.IndicatorCount));
                Assert.Equal(2, manifest.Files.Count);
                Assert.Equal(2, manifest.Counts["events"]);
                break;
            case ExportFormat.Csv:
                Assert.Equal(5, (await File.ReadAllLinesAsync(Path.Combine(bed.PackageFolder(run), ExportFiles.Csv))).Length);
                Assert.Equal(4, manifest.Counts["indicators"]);
                break;
            case ExportFormat.JsonLines:
                Assert.Equal(4, (await File.ReadAllLinesAsync(Path.Combine(bed.PackageFolder(run), ExportFiles.JsonLines))).Length);
                break;
        }

        Assert.False(Directory.Exists(Path.Combine(bed.SetFolder(set.Id), ExportPackage.IncompleteFolder)) &&
            Directory.EnumerateFileSystemEntries(Path.Combine(bed.SetFolder(set.Id), ExportPackage.IncompleteFolder)).Any());
    }

    [Fact]
    public async Task Incremental_export_holds_only_the_items_changed_since_the_previous_successful_export()
    {
        using var bed = await ExportTestBed.CreateAsync(databases);
        var unchanged = await bed.Sets.LooseIndicatorAsync(CuratedSetTestBed.Indicator());
        var changed = await bed.Sets.LooseIndicatorAsync(CuratedSetTestBed.Indicator());
        var (_, _, set) = await bed.Sets.SavedSetAsync();
        bed.Sets.Clock.UtcNow = Now.AddHours(1);
        var full = await bed.BuildAsync(set.Id, ExportFormat.JsonLines);

        await using (var db = bed.Sets.Db())
        {
            var later = Now.AddHours(2);
            await db.Indicators.Where(i => i.Id == changed.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.UpdatedAt, later));
        }

        bed.Sets.Clock.UtcNow = Now.AddHours(3);
        var incremental = await bed.BuildAsync(set.Id, ExportFormat.JsonLines, ExportKind.Incremental);

        Assert.Equal((ExportKind.Incremental, full.CutOff, 1L), (incremental.Kind, incremental.Since, incremental.IndicatorCount));
        var lines = await File.ReadAllLinesAsync(Path.Combine(bed.PackageFolder(incremental), ExportFiles.JsonLines));
        var line = Assert.Single(lines);
        Assert.Contains(changed.Id.ToString(), line, StringComparison.Ordinal);
        Assert.DoesNotContain(unchanged.Id.ToString(), line, StringComparison.Ordinal);
        Assert.Equal(full.CutOff, (await bed.VerifiedManifestAsync(incremental)).IncrementalSince);
    }

    [Fact]
    public async Task Incremental_request_after_the_set_itself_changed_builds_a_full_export_and_says_so()
    {
        using var bed = await ExportTestBed.CreateAsync(databases);
        await bed.Sets.LooseIndicatorAsync(CuratedSetTestBed.Indicator());
        var (curator, organisation, set) = await bed.Sets.SavedSetAsync();
        bed.Sets.Clock.UtcNow = Now.AddHours(1);
        await bed.BuildAsync(set.Id, ExportFormat.Csv);

        bed.Sets.Clock.UtcNow = Now.AddHours(2);
        var draft = CuratedSetTestBed.Draft(organisation);
        draft.MinConfidence = 10;
        await bed.Sets.Store.UpdateAsync(set.Id, set.ConcurrencyStamp, draft, curator);
        bed.Sets.Clock.UtcNow = Now.AddHours(3);
        var run = await bed.BuildAsync(set.Id, ExportFormat.Csv, ExportKind.Incremental);

        Assert.Equal((ExportKind.Full, (DateTime?)null, 1L), (run.Kind, run.Since, run.IndicatorCount));
        Assert.Contains("set itself changed", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_is_built_at_the_lowest_clearance_among_the_sets_readers()
    {
        using var bed = await ExportTestBed.CreateAsync(databases);
        var ids = new Dictionary<Tlp, Guid>();
        foreach (var tlp in Enum.GetValues<Tlp>())
        {
            ids[tlp] = (await bed.Sets.LooseIndicatorAsync(CuratedSetTestBed.Indicator(tlp))).Id;
        }

        var curator = await bed.Sets.UserAsync(Domain.Identity.PortalRoles.Curator);
        var draft = CuratedSetTestBed.Draft(await bed.Sets.OrganisationAsync(Tlp.Red), await bed.Sets.OrganisationAsync(Tlp.Green));
        draft.TlpCeiling = Tlp.Amber;
        var set = await bed.Sets.Store.CreateAsync(draft, curator);

        var run = await bed.BuildAsync(set.Id, ExportFormat.Csv);

        Assert.Equal((Tlp.Green, 2L), (run.Ceiling, run.IndicatorCount));
        var csv = await File.ReadAllTextAsync(Path.Combine(bed.PackageFolder(run), ExportFiles.Csv));
        Assert.Contains(ids[Tlp.Green].ToString(), csv, StringComparison.Ordinal);
        Assert.DoesNotContain(ids[Tlp.Amber].ToString(), csv, StringComparison.Ordinal);
        Assert.DoesNotContain("TLP:RED", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_keeps_the_newest_runs_per_format_deletes_older_packages_and_marks_their_runs_expired()
    {
        using var bed = await ExportTestBed.CreateAsync(databases, retention: 2);
        await bed.Sets.LooseIndicatorAsync(CuratedSetTestBed.Indicator());
        var (_, _, set) = await bed.Sets.SavedSetAsync();
        var runs = new List<ExportRun>();
        for (var i = 1; i <= 3; i++)
        {
            bed.Sets.Clock.UtcNow = Now.AddHours(i);
            runs.Add(await bed.BuildAsync(set.Id, ExportFormat.Csv));
        }

        var other = await bed.BuildAsync(set.Id, ExportFormat.JsonLines);

        var oldest = await bed.RunAsync(runs[0].Id);
        Assert.NotNull(oldest.ExpiredAt);
        Assert.False(Directory.Exists(bed.PackageFolder(oldest)));
        foreach (var kept in new[] { runs[1], runs[2], other })
        {
            Assert.Null((await bed.RunAsync(kept.Id)).ExpiredAt);
            Assert.True(Directory.Exists(bed.PackageFolder(kept)));
        }

        await using var db = bed.Sets.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == oldest.Id.ToString() && a.Action == "ExportRun.Expire"));
    }

    [Fact]
    public async Task An_interrupted_export_leaves_no_visible_package_and_a_failed_run_with_its_reason()
    {
        using var bed = await ExportTestBed.CreateAsync(databases);
        for (var i = 0; i < 20; i++)
        {
            await bed.Sets.LooseIndicatorAsync(CuratedSetTestBed.Indicator());
        }

        var (_, _, set) = await bed.Sets.SavedSetAsync();
        var runId = await bed.QueueAsync(set.Id, ExportFormat.StixBundle);
        using var shutdown = new CancellationTokenSource();
        var progress = new SynchronousProgress(percent =>
        {
            if (percent >= 20)
            {
                shutdown.Cancel();
            }
        });

        var failure = await Assert.ThrowsAsync<ExportFailedException>(() => bed.Builder.BuildAsync(runId, progress, shutdown.Token));

        var run = await bed.RunAsync(runId);
        Assert.Equal(ExportRunStatus.Failed, run.Status);
        Assert.Equal(failure.Message, run.Message);
        Assert.Contains("interrupted", run.Message, StringComparison.Ordinal);
        Assert.Contains("CanceledException", run.Error, StringComparison.Ordinal);
        Assert.Null(run.PackageFolder);
        var setFolder = bed.SetFolder(set.Id);
        Assert.False(Directory.Exists(Path.Combine(setFolder, runId.ToString("N"))));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(setFolder, ExportPackage.IncompleteFolder)));
    }

    [Fact]
    public async Task A_restarted_run_clears_the_half_written_folder_a_crash_left_and_publishes_complete_files()
    {
        using var bed = await ExportTestBed.CreateAsync(databases);
        await bed.Sets.LooseIndicatorAsync(CuratedSetTestBed.Indicator());
        var (_, _, set) = await bed.Sets.SavedSetAsync();
        var runId = await bed.QueueAsync(set.Id, ExportFormat.StixBundle);
        var crashed = Path.Combine(bed.SetFolder(set.Id), ExportPackage.IncompleteFolder, runId.ToString("N"));
        Directory.CreateDirectory(crashed);
        await File.WriteAllTextAsync(Path.Combine(crashed, ExportFiles.StixBundle), "{\"type\":\"bundle\",\"objects\":[");
        await File.WriteAllTextAsync(Path.Combine(crashed, "stray.tmp"), "left by the crash");

        var run = await bed.Builder.BuildAsync(runId, null, CancellationToken.None);

        Assert.Equal(ExportRunStatus.Succeeded, run.Status);
        Assert.Equal([ExportFiles.StixBundle], (await bed.VerifiedManifestAsync(run)).Files.Select(f => f.Name));
        Assert.False(Directory.Exists(crashed));
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool, too late to cancel).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}

public sealed class SqliteExportBuilderTests(SqliteDatabases databases)
    : ExportBuilderTests(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresExportBuilderTests(PostgresDatabases databases)
    : ExportBuilderTests(databases), IClassFixture<PostgresDatabases>;
