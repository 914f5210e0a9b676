using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// TLSH and ssdeep indexes of the published fingerprints for the similarity checks, kept incrementally: a base index
/// built once, plus the fingerprints published or changed since (by UpdatedAt, an indexed range), which are compared
/// one by one. Only when that delta grows past <see cref="RebuildAfter"/> is the base rebuilt, so a publication costs
/// the checks a short range query instead of an index build over the whole catalogue. Matches are candidates: the
/// checker re-reads them and keeps only those still published with a value still within the threshold, so a
/// retracted or edited fingerprint left in the base never becomes a finding.
/// </summary>
public sealed class NearDuplicateIndexCache(IDbContextFactory<PortalDbContext> contexts) : IDisposable
{
    /// <summary>Fingerprints compared one by one before the base is rebuilt (a few milliseconds of distance work).</summary>
    public const int RebuildAfter = 20_000;

    private static readonly IndicatorType[] FuzzyTypes = [IndicatorType.ModelFileTlsh, IndicatorType.ModelFileSsdeep];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Base? _base;

    /// <summary>How many times the base was built; for tests and the benchmark.</summary>
    public int Builds { get; private set; }

    /// <summary>Candidate indicator ids within the thresholds of each digest or signature, with their native score.</summary>
    public async Task<NearDuplicateSnapshot> GetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var current = _base ?? await BuildAsync(db, ct);
            var since = current.Watermark;
            var delta = await Covered(db).Where(i => i.UpdatedAt >= since)
                .Select(i => new { i.Id, i.Type, i.NormalizedValue })
                .Take(RebuildAfter + 1)
                .ToListAsync(ct);
            if (delta.Count > RebuildAfter)
            {
                current = await BuildAsync(db, ct);
                delta = await Covered(db).Where(i => i.UpdatedAt >= current.Watermark)
                    .Select(i => new { i.Id, i.Type, i.NormalizedValue }).ToListAsync(ct);
            }

            return new NearDuplicateSnapshot(current.Tlsh, current.Ssdeep,
                delta.Select(d => (d.Id, d.Type, d.NormalizedValue)).ToList());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Builds the base if no check has yet. Called once at start-up (<see cref="NearDuplicateIndexWarmUp"/>): at a
    /// million indicators the build takes a second or two, which the first submission after a restart would otherwise
    /// wait for. A check arriving meanwhile waits for this build instead of starting its own.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_base is null)
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                await BuildAsync(db, ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static IQueryable<Indicator> Covered(PortalDbContext db) =>
        db.Indicators.AsNoTracking().Where(i => i.Status == ContentStatus.Published && FuzzyTypes.Contains(i.Type));

    private async Task<Base> BuildAsync(PortalDbContext db, CancellationToken ct)
    {
        // The watermark is taken first: a row updated while the base streams is in the delta too (duplicates are harmless).
        var watermark = await Covered(db).MaxAsync(i => (DateTime?)i.UpdatedAt, ct) ?? DateTime.MinValue;
        var tlsh = new TlshIndexBuilder();
        var ssdeep = new List<(string, string?)>();
        await foreach (var row in Covered(db).Select(i => new { i.Id, i.Type, i.NormalizedValue }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (row.Type == IndicatorType.ModelFileTlsh)
            {
                tlsh.Add(row.Id.ToString(), row.NormalizedValue);
            }
            else
            {
                ssdeep.Add((row.Id.ToString(), row.NormalizedValue));
            }
        }

        _base = new Base(watermark, tlsh.Build(), SsdeepIndex.BuildFromText(ssdeep));
        Builds++;
        return _base;
    }

    private sealed record Base(DateTime Watermark, TlshIndex Tlsh, SsdeepIndex Ssdeep);
}

/// <summary>The base indexes and the recent fingerprints not in them.</summary>
public sealed class NearDuplicateSnapshot(TlshIndex tlsh, SsdeepIndex ssdeep, IReadOnlyList<(Guid Id, IndicatorType Type, string Value)> recent)
{
    /// <summary>Indicator ids whose TLSH digest is within <paramref name="threshold"/> of <paramref name="digest"/>.</summary>
    public IEnumerable<Guid> Tlsh(TlshDigest digest, int threshold)
    {
        foreach (var match in tlsh.Query(digest, threshold))
        {
            yield return Guid.Parse(match.Id);
        }

        foreach (var (id, type, value) in recent)
        {
            if (type == IndicatorType.ModelFileTlsh && TlshDigest.TryParse(value, out var other) && TlshDigest.Distance(digest, other) <= threshold)
            {
                yield return id;
            }
        }
    }

    /// <summary>Indicator ids whose ssdeep signature scores at least <paramref name="minScore"/> against <paramref name="signature"/>.</summary>
    public IEnumerable<Guid> Ssdeep(SsdeepSignature signature, int minScore)
    {
        foreach (var match in ssdeep.Query(signature, minScore))
        {
            yield return Guid.Parse(match.Id);
        }

        foreach (var (id, type, value) in recent)
        {
            if (type == IndicatorType.ModelFileSsdeep && SsdeepSignature.TryParse(value, out var other) && SsdeepSignature.Compare(signature, other) >= minScore)
            {
                yield return id;
            }
        }
    }
}
