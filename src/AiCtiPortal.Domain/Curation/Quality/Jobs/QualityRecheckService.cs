using System.Diagnostics;
using System.Threading.Channels;
using AiCtiPortal.Domain.Curation.Quality.Decay;
using AiCtiPortal.Domain.Curation.Quality.Storage;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// The nightly re-check: every published indicator is decayed (ConfidenceDecay) and re-assessed, then every published
/// report, then assessments of deleted items are removed. Rows are streamed in primary-key order, one batch per
/// context and transaction, so memory stays flat and each batch is stored whole or not at all; an interrupted run
/// keeps what it stored and the next run starts over. Items edited or deleted while the run holds them are skipped
/// (QualityResultWriter) and counted in the outcome.
/// </summary>
public sealed class QualityRecheckService(
    IDbContextFactory<PortalDbContext> contexts,
    QualityAssessorFactory assessors,
    IOptions<ConfidenceDecayOptions> decayOptions,
    IOptions<QualityRecheckOptions> options,
    TimeProvider time)
{
    /// <summary>Called with each batch's results just before they are stored; tests use it to change items mid-run.</summary>
    internal Func<IReadOnlyList<QualityResult>, CancellationToken, Task>? BeforeWrite { get; set; }

    public async Task<QualityRecheckOutcome> RunAsync(IProgress<int>? progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var decay = decayOptions.Value;
        if (decay.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("The confidence decay options cannot be used: " + string.Join(" ", problems));
        }

        QualityAssessor assessor;
        HashSet<(IndicatorType, string)> shared;
        int total;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            assessor = await assessors.CreateAsync(db, ct);
            total = await db.Indicators.CountAsync(i => i.Status == ContentStatus.Published, ct)
                + await db.Reports.CountAsync(r => r.Status == ContentStatus.Published, ct);

            // Only values that more than one published row carries can have contradictory verdicts; knowing them up
            // front saves a claims query for the vast majority of batches' rows.
            var groups = await db.Indicators.AsNoTracking().Where(i => i.Status == ContentStatus.Published)
                .GroupBy(i => new { i.Type, i.ValueHash }).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync(ct);
            shared = groups.Select(g => (g.Type, g.ValueHash)).ToHashSet();
        }

        var tally = new Tally(total, progress);
        await RecheckIndicatorsAsync(assessor, shared, decay, now, tally, ct);
        await RecheckReportsAsync(assessor, now, tally, ct);
        var removed = await RemoveStaleAsync(ct);
        return new QualityRecheckOutcome(tally.Indicators, tally.Reports, tally.ScoresChanged, tally.Decayed, tally.Skipped, removed,
            Stopwatch.GetElapsedTime(started));
    }

    private async Task RecheckIndicatorsAsync(
        QualityAssessor assessor, HashSet<(IndicatorType, string)> shared, ConfidenceDecayOptions decay, DateTime now, Tally tally, CancellationToken ct)
    {
        // Two stages: reading and assessing the next batch overlaps writing the previous one, which on both providers
        // is where most of the time goes. The channel holds one batch, so memory stays at about three batches.
        var batches = Channel.CreateBounded<List<QualityResult>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writer = Task.Run(async () =>
        {
            await foreach (var results in batches.Reader.ReadAllAsync(stop.Token))
            {
                await using var db = await contexts.CreateDbContextAsync(stop.Token);
                await WriteAsync(db, results, now, tally, stop.Token);
                tally.Advance(results.Count);
            }
        }, stop.Token);

        try
        {
            await ReadIndicatorsAsync(assessor, shared, decay, now, tally, batches.Writer, stop.Token);
            batches.Writer.Complete();
        }
        catch (Exception ex)
        {
            batches.Writer.TryComplete(ex);
            await stop.CancelAsync();
            await Task.WhenAny(writer); // its own failure, if any, is secondary to this one
            throw;
        }

        await writer;
    }

    private async Task ReadIndicatorsAsync(
        QualityAssessor assessor, HashSet<(IndicatorType, string)> shared, ConfidenceDecayOptions decay, DateTime now, Tally tally,
        ChannelWriter<List<QualityResult>> output, CancellationToken ct)
    {
        var batchSize = Math.Max(1, options.Value.IndicatorBatchSize);
        Guid? after = null;
        while (true)
        {
            List<QualityResult> results;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                // No status filter in SQL: keyset paging on the primary key alone walks its index on both providers
                // (with one, SQLite may pick the status index and sort a million rows per batch). Drafts are dropped below.
                var query = db.Indicators.AsNoTracking();
                if (after is { } last)
                {
                    query = query.Where(i => i.Id.CompareTo(last) > 0);
                }

                var rows = await query.OrderBy(i => i.Id).Take(batchSize).Select(i => new IndicatorRow(
                    i.Id, i.Status, i.Type, i.Value, i.NormalizedValue, i.ValueHash, i.Description, i.Phases, i.Tlp, i.Confidence,
                    i.SubmittedConfidence, i.DecayedConfidence, i.QualityScore, i.CreatedAt, i.FirstSeen, i.LastSeen, i.ValidUntil,
                    i.SightingCount, i.ConcurrencyStamp)).ToListAsync(ct);
                if (rows.Count == 0)
                {
                    return;
                }

                after = rows[^1].Id;
                var published = rows.Where(r => r.Status == ContentStatus.Published).ToList();
                var claims = await ClaimLoader.LoadAsync(
                    db, published.Where(r => shared.Contains((r.Type, r.ValueHash))).Select(r => (r.Type, r.ValueHash)), ct);
                results = new List<QualityResult>(published.Count);
                foreach (var row in published)
                {
                    var result = Recheck(row, assessor, ClaimLoader.For(claims, row.Type, row.ValueHash), decay, now);
                    results.Add(result);
                    tally.Count(result, row.QualityScore, decayed: result.Confidence!.Confidence != row.Confidence);
                }

                tally.Indicators += published.Count;
            }

            await output.WriteAsync(results, ct);
        }
    }

    /// <summary>Decay first, so the assessment (and the verdicts other items see) reflect the confidence as it now stands.</summary>
    internal static QualityResult Recheck(
        IndicatorRow row, QualityAssessor assessor, IReadOnlyList<IndicatorClaim> claims, ConfidenceDecayOptions decay, DateTime now)
    {
        var history = ConfidenceHistory.Of(row.Confidence, row.SubmittedConfidence, row.DecayedConfidence);
        var current = ConfidenceDecay.Current(
            new ConfidenceDecay.Input(row.Type, history.Original, row.CreatedAt, row.LastSeen, row.ValidUntil, row.SightingCount), now, decay);
        var columns = current == history.Original
            ? new IndicatorConfidenceColumns(history.Original, null, null)
            : new IndicatorConfidenceColumns(current, history.Original, current);
        var assessment = assessor.Assess(new IndicatorQualityInput(
            row.Id, row.Type, row.Value, row.NormalizedValue, row.ValueHash, row.Description, row.Phases, row.Tlp, current,
            row.FirstSeen, row.LastSeen, row.ValidUntil), claims);
        var changed = row.QualityScore != assessment.Score
            || columns != new IndicatorConfidenceColumns(row.Confidence, row.SubmittedConfidence, row.DecayedConfidence);
        return new QualityResult(QualityItemKind.Indicator, row.Id, row.ConcurrencyStamp, assessment, changed, columns);
    }

    private async Task RecheckReportsAsync(QualityAssessor assessor, DateTime now, Tally tally, CancellationToken ct)
    {
        var batchSize = Math.Max(1, options.Value.ReportBatchSize);
        Guid? after = null;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var query = db.Reports.AsNoTracking();
            if (after is { } last)
            {
                query = query.Where(r => r.Id.CompareTo(last) > 0);
            }

            var keys = await query.OrderBy(r => r.Id).Take(batchSize)
                .Select(r => new { r.Id, r.Status }).ToListAsync(ct);
            if (keys.Count == 0)
            {
                return;
            }

            after = keys[^1].Id;
            var ids = keys.Where(k => k.Status == ContentStatus.Published).Select(k => k.Id).ToList();
            var reports = await db.Reports.AsNoTracking().AsSplitQuery()
                .Where(r => ids.Contains(r.Id))
                .Select(r => new
                {
                    Input = new ReportQualityInput(
                        r.Id, r.Title, r.Summary, r.BodyMarkdown, r.Phases, r.Tlp,
                        r.References.Select(x => new ReferenceQualityInput(x.Url, x.Title)).ToList(),
                        r.Techniques.Select(t => t.TechniqueId).ToList(),
                        r.Indicators.Count),
                    r.ConcurrencyStamp,
                    r.QualityScore,
                })
                .ToListAsync(ct);
            var results = new List<QualityResult>(reports.Count);
            foreach (var report in reports)
            {
                var assessment = assessor.Assess(report.Input);
                var result = new QualityResult(QualityItemKind.Report, report.Input.Id, report.ConcurrencyStamp, assessment,
                    report.QualityScore != assessment.Score);
                results.Add(result);
                tally.Count(result, report.QualityScore, decayed: false);
            }

            await WriteAsync(db, results, now, tally, ct);
            tally.Reports += reports.Count;
            tally.Advance(reports.Count);
        }
    }

    private async Task WriteAsync(PortalDbContext db, List<QualityResult> results, DateTime now, Tally tally, CancellationToken ct)
    {
        if (BeforeWrite is { } hook)
        {
            await hook(results, ct);
        }

        var written = await QualityResultWriter.WriteAsync(db, results, now, ct);
        tally.Skipped += written.Skipped;
    }

    private async Task<int> RemoveStaleAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var indicators = await db.QualityAssessments
            .Where(a => a.ItemKind == QualityItemKind.Indicator && !db.Indicators.Any(i => i.Id == a.ItemId))
            .ExecuteDeleteAsync(ct);
        var reports = await db.QualityAssessments
            .Where(a => a.ItemKind == QualityItemKind.Report && !db.Reports.Any(r => r.Id == a.ItemId))
            .ExecuteDeleteAsync(ct);
        return indicators + reports;
    }

    internal sealed record IndicatorRow(
        Guid Id, ContentStatus Status, IndicatorType Type, string Value, string NormalizedValue, string ValueHash, string? Description,
        SupplyChainPhase Phases, Tlp Tlp, int Confidence, int? SubmittedConfidence, int? DecayedConfidence, int? QualityScore,
        DateTime CreatedAt, DateTime? FirstSeen, DateTime? LastSeen, DateTime? ValidUntil, int SightingCount, Guid ConcurrencyStamp);

    private sealed class Tally(int total, IProgress<int>? progress)
    {
        private int _done;
        private int _reported = -1;

        public int Indicators { get; set; }

        public int Reports { get; set; }

        public int ScoresChanged { get; private set; }

        public int Decayed { get; private set; }

        /// <summary>Written by the writing stage only (the other counters by the reading stage only).</summary>
        public int Skipped { get; set; }

        public void Count(QualityResult result, int? previousScore, bool decayed)
        {
            ScoresChanged += previousScore != result.Assessment.Score ? 1 : 0;
            Decayed += decayed ? 1 : 0;
        }

        public void Advance(int items)
        {
            _done += items;

            // 99 at most: the stale sweep and the final status come after the last batch.
            var percent = total == 0 ? 99 : (int)Math.Min(99, _done * 100L / total);
            if (percent != _reported)
            {
                _reported = percent;
                progress?.Report(percent);
            }
        }
    }
}
