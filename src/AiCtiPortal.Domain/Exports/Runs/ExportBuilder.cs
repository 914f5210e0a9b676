using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Exports.Packages;
using AiCtiPortal.Domain.Exports.Sets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>
/// Builds one queued <see cref="ExportRun"/>: resolves the set at its distribution ceiling, streams the chosen format
/// into an <see cref="ExportPackage"/> under data/exports/{set id}/{run id}/ and records the outcome, then applies
/// retention. Only a completed package is ever published, so a failure leaves a Failed run and no visible files.
/// </summary>
public sealed partial class ExportBuilder(
    IDbContextFactory<PortalDbContext> contexts,
    CuratedSetResolver resolver,
    PortalDatabaseSettings database,
    IOptions<ExportOptions> options,
    TimeProvider time,
    ILogger<ExportBuilder> logger)
{
    /// <summary>
    /// Builds the run and returns it as recorded. Throws when the export fails, after marking the run Failed with the
    /// reason; a run that already succeeded (a trigger fired twice) is returned as it is.
    /// </summary>
    public async Task<ExportRun> BuildAsync(Guid exportRunId, IProgress<int>? progress, CancellationToken ct)
    {
        ExportRun run;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            run = await db.ExportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == exportRunId, ct)
                ?? throw new ExportFailedException("The export run does not exist.");
        }

        if (run.Status == ExportRunStatus.Succeeded)
        {
            return run;
        }

        var setFolder = ExportOptions.SetFolder(database.DataFolder, run.CuratedSetId);
        try
        {
            RemoveLeftovers(setFolder, run.Id);
            await UpdateAsync(run.Id, s => s
                .SetProperty(r => r.Status, ExportRunStatus.Running)
                .SetProperty(r => r.StartedAt, Now)
                .SetProperty(r => r.Progress, 0)
                .SetProperty(r => r.Error, (string?)null), ct);
            await using var tracker = new ExportProgress(progress, percent =>
                UpdateAsync(run.Id, s => s.SetProperty(r => r.Progress, percent), CancellationToken.None), logger);
            var outcome = await WriteAsync(run, setFolder, tracker, ct);
            await tracker.DisposeAsync();
            await UpdateAsync(run.Id, s => s
                .SetProperty(r => r.Status, ExportRunStatus.Succeeded)
                .SetProperty(r => r.Progress, 100)
                .SetProperty(r => r.Kind, outcome.Plan.Kind)
                .SetProperty(r => r.Since, outcome.Plan.Since)
                .SetProperty(r => r.CutOff, outcome.CutOff)
                .SetProperty(r => r.Ceiling, outcome.Ceiling)
                .SetProperty(r => r.ReportCount, outcome.Tally.Reports)
                .SetProperty(r => r.IndicatorCount, outcome.Tally.Indicators)
                .SetProperty(r => r.ObjectCount, outcome.Tally.Objects)
                .SetProperty(r => r.TotalBytes, outcome.Manifest.Files.Sum(f => f.Bytes))
                .SetProperty(r => r.PackageFolder, outcome.Manifest.ExportId.ToString("N"))
                .SetProperty(r => r.Message, outcome.Plan.Message)
                .SetProperty(r => r.FinishedAt, Now), CancellationToken.None);
        }
        catch (Exception ex)
        {
            var message = Describe(ex);
            logger.LogError(ex, "Export run {RunId} failed: {Message}", run.Id, message);
            await UpdateAsync(run.Id, s => s
                .SetProperty(r => r.Status, ExportRunStatus.Failed)
                .SetProperty(r => r.Message, message)
                .SetProperty(r => r.Error, ex.ToString())
                .SetProperty(r => r.FinishedAt, Now), CancellationToken.None);
            throw new ExportFailedException(message, ex);
        }

        await new ExportRetention(contexts, database, time, logger).ApplyAsync(run.CuratedSetId, run.Format, Math.Max(1, options.Value.Retention), ct);
        await using var read = await contexts.CreateDbContextAsync(CancellationToken.None);
        return await read.ExportRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id, CancellationToken.None);
    }

    /// <summary>The sentence curators read on a failed run: never a stack trace (that goes to Error).</summary>
    public static string Describe(Exception ex) => ex switch
    {
        ExportFailedException failed => failed.Message,
        CuratedSetNotReadableException => "The curated set no longer exists.",
        OperationCanceledException => "The export was interrupted because the portal shut down; no files were published. Start it again.",
        IOException io => $"Writing the export failed ({io.Message}); no files were published. Check the data folder's free space and permissions.",
        _ => $"The export failed unexpectedly ({ex.GetType().Name}: {ex.Message}); no files were published.",
    };

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task<ExportOutcome> WriteAsync(ExportRun run, string setFolder, ExportProgress tracker, CancellationToken ct)
    {
        CuratedSet set;
        CuratedSetScope scope;
        ExportPlan plan;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            set = await db.CuratedSets.AsNoTracking().SingleOrDefaultAsync(s => s.Id == run.CuratedSetId, ct)
                ?? throw new ExportFailedException("The curated set no longer exists.");
            scope = await ExportDistribution.ScopeAsync(db, set, ct);
            plan = await ExportPlan.ForAsync(db, run, scope, ct);
        }

        // Read after the plan: anything changed from here on is in this export or the next, never in neither.
        var cutOff = Now;
        var counts = await resolver.CountAsync(scope, plan.Since, ct);
        tracker.Total = run.Format switch
        {
            ExportFormat.MispEvents => counts.Reports,
            ExportFormat.Csv or ExportFormat.JsonLines => counts.Indicators,
            _ => counts.Reports + counts.Indicators,
        };

        await using var package = ExportPackage.Begin(setFolder, run.Id);
        var tally = await WriteFormatAsync(run, set, scope, plan.Since, package, tracker, ct);
        var manifest = await package.CompleteAsync(
            set.Name, ExportFiles.FormatName(run.Format), plan.Since, cutOff, tally.ToManifestCounts(), ct);
        return new ExportOutcome(plan, cutOff, scope.Ceiling, tally, manifest);
    }

    /// <summary>
    /// Clears what an earlier attempt of this run left: its hidden working folder (a crash skips ExportPackage's own
    /// clean-up) and a folder published just before the process died but never recorded. Only one export runs at a
    /// time (the job disallows concurrent runs, cluster-wide), so any other hidden folder is abandoned too.
    /// </summary>
    private static void RemoveLeftovers(string setFolder, Guid runId)
    {
        ExportPackage.RemoveAbandoned(setFolder);
        var published = Path.Combine(setFolder, runId.ToString("N"));
        if (Directory.Exists(published))
        {
            Directory.Delete(published, recursive: true);
        }
    }

    private async Task UpdateAsync(
        Guid runId, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ExportRun>> setters, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.ExportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(setters, ct);
    }

    private sealed record ExportOutcome(ExportPlan Plan, DateTime CutOff, Taxonomy.Tlp Ceiling, ExportTally Tally, ExportManifest Manifest);
}
