using System.Diagnostics;
using AiCtiPortal.Benchmarks.Load;
using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Reports;
using AiCtiPortal.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Benchmarks.Curation;

/// <summary>
/// Issue 6, item 6: with 1,000,000 indicators in the catalogue, the similarity checks of a 50-indicator submission
/// finish within 2 s. Reuses the load benchmark's seeded catalogue (same cache, same seeder), indexes its published
/// items' MinHash signatures once (stored in the database, so later runs skip it), then adds submissions in review
/// (25 published values repeated, 10 TLSH digests a few nibbles away from published ones, 15 new values) and times
/// the whole check per submission (signature catch-up, load, exact IN query, shared links, TLSH/ssdeep index, band-key
/// lookups, transactional replace). "Cold" is the first check of a fresh process once its start-up warm-up has built
/// the near-duplicate base (timed and shown on its own line), with the catch-up probed and EF's queries compiled; "warm" the following ones; "after a publication" a check right after a new report was published,
/// which indexes just that report instead of rebuilding anything. Everything added is removed again.
/// </summary>
internal static class SimilarityCheckBenchmark
{
    private const double TargetSeconds = 2;

    public static async Task RunAsync(Arguments args, Summary summary)
    {
        var size = new CatalogueSize(args.Int("reports", 100_000), args.Int("indicators", 1_000_000));
        var submissions = Math.Max(2, args.Int("submissions", 10));
        var providers = args.String("provider", "sqlite").ToLowerInvariant() switch
        {
            "postgres" or "postgresql" => new[] { DatabaseProvider.Postgres },
            "both" => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres],
            _ => [DatabaseProvider.Sqlite],
        };
        foreach (var provider in providers)
        {
            await RunAsync(provider, size, submissions, args.Flag("reseed"), summary);
        }
    }

    private static async Task RunAsync(DatabaseProvider provider, CatalogueSize size, int submissions, bool reseed, Summary summary)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromHours(2));
        var ct = cancel.Token;
        Console.WriteLine($"== Similarity checks: {size}; {submissions} submissions of 50 indicators on {provider} ==");
        var database = await LoadDatabase.PrepareAsync(provider, size, reseed, ct);
        var contexts = new Contexts(new PortalDatabaseSettings(provider, database.ConnectionString, Path.GetTempPath()));

        // Once per database: the published catalogue's signatures. A portal does this at its first check after the
        // upgrade that added them, and afterwards only for what each publication adds.
        var start = Stopwatch.GetTimestamp();
        using (var backfill = new SimilaritySignatureIndexer(contexts, TimeProvider.System))
        {
            var written = await backfill.CatchUpAsync(ct);
            Console.WriteLine($"signature index: {written:N0} signatures written in {Stats.F(Stats.Milliseconds(start) / 1000, "0.0")} s" +
                (written == 0 ? " (already indexed by an earlier run)" : " (once per database)"));
        }

        // A fresh set of services: what a newly started portal process has.
        var options = Options.Create(new SimilarityOptions());
        using var indexer = new SimilaritySignatureIndexer(contexts, TimeProvider.System);
        using var nearDuplicates = new NearDuplicateIndexCache(contexts);
        var checks = new SimilarityCheckService(contexts, indexer, new SimilarityChecker(nearDuplicates, options),
            new SimilarityFindingStore(contexts, TimeProvider.System));

        var samples = await SamplesAsync(contexts, submissions + 1, ct);

        // What the portal does in the background once it has started (NearDuplicateIndexWarmUp), before any submission.
        var warmUpStart = Stopwatch.GetTimestamp();
        await nearDuplicates.WarmUpAsync(ct);
        var warmUpSeconds = Stats.Milliseconds(warmUpStart) / 1000;
        Console.WriteLine($"start-up warm-up: near-duplicate base built in {Stats.F(warmUpSeconds, "0.000")} s");
        var ids = new List<Guid>();
        Guid? published = null;
        try
        {
            var times = new List<double>();
            var findings = 0;
            for (var i = 0; i < submissions; i++)
            {
                var (seconds, count) = await TimeCheckAsync(contexts, checks, samples, i, ids, i == 0 ? "cold: fresh process after its start-up warm-up" : "warm", ct);
                times.Add(seconds);
                findings += count;
            }

            published = await PublishAsync(contexts, ct);
            var (afterPublication, _) = await TimeCheckAsync(contexts, checks, samples, submissions, ids, "after a publication (indexes it)", ct);
            var warm = times.Skip(1).ToList();
            Console.WriteLine($"cold {Stats.F(times[0], "0.000")} s; warm median {Stats.F(Stats.Median(warm), "0.000")} s, max {Stats.F(warm.Max(), "0.000")} s; " +
                $"after a publication {Stats.F(afterPublication, "0.000")} s; near-duplicate base built {nearDuplicates.Builds}x; " +
                $"{findings} findings in all; working set {Stats.Mib(Stats.WorkingSetBytes())}");
            var label = $"Similarity: 50-indicator submission vs {size.Indicators:N0} indicators ≤ {TargetSeconds} s ({provider}";
            summary.Add($"Similarity: near-duplicate base built at start-up ({provider}, in the background: information only)",
                $"{Stats.F(warmUpSeconds, "0.000")} s", null);
            summary.Add(label + ", cold)", $"{Stats.F(times[0], "0.000")} s", times[0] <= TargetSeconds);
            summary.Add(label + ", warm max)", $"{Stats.F(warm.Max(), "0.000")} s (median {Stats.F(Stats.Median(warm), "0.000")} s)", warm.Max() <= TargetSeconds);
            summary.Add(label + ", after a publication)", $"{Stats.F(afterPublication, "0.000")} s", afterPublication <= TargetSeconds);
        }
        finally
        {
            await RemoveAsync(contexts, ids, published, CancellationToken.None);
        }
    }

    private static async Task<(double Seconds, int Findings)> TimeCheckAsync(
        Contexts contexts, SimilarityCheckService checks, Samples samples, int n, List<Guid> ids, string label, CancellationToken ct)
    {
        var id = await SubmitAsync(contexts, samples, n, ct);
        ids.Add(id);
        var start = Stopwatch.GetTimestamp();
        var outcome = await checks.RunAsync(id, 1, null, ct);
        var seconds = Stats.Milliseconds(start) / 1000;
        await using var db = contexts.CreateDbContext();
        var count = await db.SimilarityFindings.CountAsync(f => f.ReportId == id, ct);
        Console.WriteLine($"submission {n + 1} ({label}): {Stats.F(seconds, "0.000")} s; {outcome.Message}");
        return (seconds, count);
    }

    /// <summary>A newly published report with a few indicators, as ReportWorkflow leaves one at quorum.</summary>
    private static async Task<Guid> PublishAsync(Contexts contexts, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var author = await db.Users.Select(u => u.Id).FirstAsync(ct);
        var now = DateTime.UtcNow;
        var report = new ThreatReport
        {
            Title = "Similarity benchmark publication", Summary = "Published between two checks.", AuthorId = author,
            BodyMarkdown = "A typosquatted dataset loader on a package index fetched a second-stage payload at import time.",
            Status = ContentStatus.Published, Tlp = Tlp.Clear, Version = 1, PublishedAt = now,
        };
        db.Reports.Add(report);
        foreach (var value in new[] { "benchmark-loader.fetch.run", "os.system", "subprocess.Popen", "builtins.exec" })
        {
            var indicator = new Indicator
            {
                Type = IndicatorType.PickleImport, Value = value, NormalizedValue = value, ValueHash = IndicatorCatalogue.ValueHash(IndicatorType.PickleImport, value),
                Status = ContentStatus.Published, CreatedById = author, Tlp = Tlp.Clear,
            };
            db.Indicators.Add(indicator);
            db.ReportIndicators.Add(new ReportIndicator { ReportId = report.Id, IndicatorId = indicator.Id });
        }

        await db.SaveChangesAsync(ct);
        return report.Id;
    }

    private sealed record Samples(List<(IndicatorType Type, string Value)> Published, List<string> Tlsh);

    private static async Task<Samples> SamplesAsync(Contexts contexts, int submissions, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var published = await db.Indicators.AsNoTracking().Where(i => i.Status == ContentStatus.Published)
            .OrderBy(i => i.Id).Take(25 * submissions).Select(i => new { i.Type, i.NormalizedValue }).ToListAsync(ct);
        var tlsh = await db.Indicators.AsNoTracking().Where(i => i.Status == ContentStatus.Published && i.Type == IndicatorType.ModelFileTlsh)
            .OrderBy(i => i.Id).Take(10 * submissions).Select(i => i.NormalizedValue).ToListAsync(ct);
        return new Samples(published.Select(p => (p.Type, p.NormalizedValue)).ToList(), tlsh);
    }

    private static async Task<Guid> SubmitAsync(Contexts contexts, Samples samples, int n, CancellationToken ct)
    {
        var random = new Random(n);
        var values = samples.Published.Skip(25 * n).Take(25).ToList();
        values.AddRange(samples.Tlsh.Skip(10 * n).Take(10).Select(t => (IndicatorType.ModelFileTlsh, Nudge(t, random))));
        while (values.Count < 50)
        {
            values.Add((IndicatorType.Domain, $"bench-{n}-{values.Count}-{random.Next():x}.example"));
        }

        await using var db = contexts.CreateDbContext();
        var author = await db.Users.Select(u => u.Id).FirstAsync(ct);
        var report = new ThreatReport
        {
            Title = $"Similarity benchmark submission {n}", Summary = "Benchmark submission.", AuthorId = author,
            BodyMarkdown = "A poisoned checkpoint on a model hub runs a reverse shell when unpickled; seen again this week.",
            Status = ContentStatus.InReview, Tlp = Tlp.Green, Version = 1,
        };
        db.Reports.Add(report);
        foreach (var (type, value) in values)
        {
            var indicator = new Indicator
            {
                Type = type, Value = value, NormalizedValue = value, ValueHash = IndicatorCatalogue.ValueHash(type, value),
                Status = ContentStatus.InReview, CreatedById = author,
            };
            db.Indicators.Add(indicator);
            db.ReportIndicators.Add(new ReportIndicator { ReportId = report.Id, IndicatorId = indicator.Id });
        }

        await db.SaveChangesAsync(ct);
        return report.Id;
    }

    /// <summary>Changes two body nibbles of a digest: a near duplicate a few distance points away.</summary>
    private static string Nudge(string digest, Random random)
    {
        var chars = digest.ToCharArray();
        for (var k = 0; k < 2; k++)
        {
            var at = 10 + random.Next(chars.Length - 10);
            chars[at] = chars[at] == '0' ? '1' : '0';
        }

        return new string(chars);
    }

    private static async Task RemoveAsync(Contexts contexts, List<Guid> submitted, Guid? published, CancellationToken ct)
    {
        var reportIds = published is { } p ? [.. submitted, p] : submitted;
        if (reportIds.Count == 0)
        {
            return;
        }

        await using var db = contexts.CreateDbContext();
        var indicatorIds = await db.ReportIndicators.Where(l => reportIds.Contains(l.ReportId)).Select(l => l.IndicatorId).ToListAsync(ct);
        await db.ReportIndicators.Where(l => reportIds.Contains(l.ReportId)).ExecuteDeleteAsync(ct);
        await db.Indicators.Where(i => indicatorIds.Contains(i.Id)).ExecuteDeleteAsync(ct);
        await db.Reports.Where(r => reportIds.Contains(r.Id)).ExecuteDeleteAsync(ct);

        await new SimilaritySignatureIndexer(contexts, TimeProvider.System).ForgetAsync(reportIds, ct);
    }

    private sealed class Contexts(PortalDatabaseSettings settings) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<PortalDbContext>().UsePortalDatabase(settings).Options);
    }
}
