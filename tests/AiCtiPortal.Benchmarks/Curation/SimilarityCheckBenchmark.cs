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
/// finish within 2 s. Reuses the load benchmark's seeded catalogue (same cache), adds submissions in review (25
/// published values repeated, 10 TLSH digests a few nibbles away from published ones, 15 new values), times the
/// whole check per submission (load, exact IN query, shared links, TLSH/ssdeep index, MinHash sets, transactional
/// replace) and removes the submissions again. The first check also builds the cached indexes; that build is
/// reported apart, since it happens once per catalogue change, not per submission.
/// </summary>
internal static class SimilarityCheckBenchmark
{
    private const double TargetSeconds = 2;

    public static async Task RunAsync(Arguments args, Summary summary)
    {
        var size = new CatalogueSize(args.Int("reports", 100_000), args.Int("indicators", 1_000_000));
        var submissions = args.Int("submissions", 10);
        var provider = args.String("provider", "sqlite").ToLowerInvariant() is "postgres" or "postgresql" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        using var cancel = new CancellationTokenSource(TimeSpan.FromHours(2));
        var ct = cancel.Token;
        Console.WriteLine($"== Similarity checks: {size}; {submissions} submissions of 50 indicators on {provider} ==");
        var database = await LoadDatabase.PrepareAsync(provider, size, args.Flag("reseed"), ct);
        var contexts = new Contexts(new PortalDatabaseSettings(provider, database.ConnectionString, Path.GetTempPath()));
        var options = Options.Create(new SimilarityOptions());
        var checks = new SimilarityCheckService(contexts,
            new SimilarityChecker(new KnowledgeBaseIndexCache(contexts), new SimilarityCorpusCache(contexts, options), options),
            new SimilarityFindingStore(contexts, TimeProvider.System));

        var samples = await SamplesAsync(contexts, submissions, ct);
        var ids = new List<Guid>();
        try
        {
            var times = new List<double>();
            var findings = 0;
            for (var i = 0; i < submissions; i++)
            {
                var id = await SubmitAsync(contexts, samples, i, ct);
                ids.Add(id);
                var start = Stopwatch.GetTimestamp();
                var outcome = await checks.RunAsync(id, 1, null, ct);
                var seconds = Stats.Milliseconds(start) / 1000;
                await using var db = contexts.CreateDbContext();
                findings += await db.SimilarityFindings.CountAsync(f => f.ReportId == id, ct);
                Console.WriteLine($"submission {i + 1}: {Stats.F(seconds, "0.000")} s{(i == 0 ? " (includes building the cached indexes)" : "")}; {outcome.Message}");
                times.Add(seconds);
            }

            var warm = times.Skip(1).DefaultIfEmpty(times[0]).ToList();
            Console.WriteLine($"cold {Stats.F(times[0], "0.00")} s; warm median {Stats.F(Stats.Median(warm), "0.000")} s, max {Stats.F(warm.Max(), "0.000")} s; " +
                $"{findings} findings in all; working set {Stats.Mib(Stats.WorkingSetBytes())}");
            summary.Add($"Similarity: 50-indicator submission vs {size.Indicators:N0} indicators ≤ {TargetSeconds} s ({provider}, warm max)",
                $"{Stats.F(warm.Max(), "0.000")} s (cold, with index build: {Stats.F(times[0], "0.0")} s)", warm.Max() <= TargetSeconds);
        }
        finally
        {
            await RemoveAsync(contexts, ids, CancellationToken.None);
        }
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

    private static async Task RemoveAsync(Contexts contexts, List<Guid> reportIds, CancellationToken ct)
    {
        if (reportIds.Count == 0)
        {
            return;
        }

        await using var db = contexts.CreateDbContext();
        var indicatorIds = await db.ReportIndicators.Where(l => reportIds.Contains(l.ReportId)).Select(l => l.IndicatorId).ToListAsync(ct);
        await db.ReportIndicators.Where(l => reportIds.Contains(l.ReportId)).ExecuteDeleteAsync(ct);
        await db.Indicators.Where(i => indicatorIds.Contains(i.Id)).ExecuteDeleteAsync(ct);
        await db.Reports.Where(r => reportIds.Contains(r.Id)).ExecuteDeleteAsync(ct);
    }

    private sealed class Contexts(PortalDatabaseSettings settings) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<PortalDbContext>().UsePortalDatabase(settings).Options);
    }
}
