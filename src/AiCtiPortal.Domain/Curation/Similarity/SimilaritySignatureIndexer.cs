using System.Globalization;
using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Indicators;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Engine.Similarity;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// Keeps <see cref="SimilaritySignature"/> and <see cref="SimilarityBand"/> rows in step with the published catalogue,
/// incrementally: only published reports whose current version and prompt indicators whose current value have no
/// signature yet are shingled and hashed, so after a publication the work is that publication's items, never the
/// whole catalogue. Called before every check; it costs one revision read when nothing was published since (the
/// catalogue revision, raised by triggers on any change to published content, whatever code path made it). Only items
/// updated since the previous catch-up started (less <see cref="ClockMargin"/>) are looked at, over the
/// (Status, UpdatedAt, Id) indexes; the first catch-up on a database looks at every published item.
/// Items that stop being published keep their rows; the check verifies every candidate against the live catalogue.
/// </summary>
public sealed class SimilaritySignatureIndexer(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock) : IDisposable
{
    /// <summary>Items hashed and written per transaction: bounded memory (a few MB), and progress survives an interruption.</summary>
    private const int BatchSize = 5000;

    /// <summary>
    /// How far before the previous catch-up's start the next one looks: UpdatedAt comes from the clock of whichever
    /// instance published, and a publication's transaction may commit after a catch-up started. A day of updates is
    /// still a small index range; items indexed already are skipped.
    /// </summary>
    internal static readonly TimeSpan ClockMargin = TimeSpan.FromDays(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _indexedRevision = long.MinValue;

    /// <summary>Signatures written by this instance since it started; for the benchmark and diagnostics.</summary>
    public long Written { get; private set; }

    /// <summary>Indexes whatever was published since the last call; returns how many signatures it wrote.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var revision = await RevisionAsync(ct);
        if (Volatile.Read(ref _indexedRevision) == revision)
        {
            return 0;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_indexedRevision == revision)
            {
                return 0;
            }

            // Another instance (or this one before a restart) may have indexed up to this revision already.
            var stored = await StoredStateAsync(ct);
            if (stored?.Revision == revision)
            {
                Volatile.Write(ref _indexedRevision, revision);
                return 0;
            }

            // The revision is read before indexing, so whatever is published meanwhile moves it and is caught next time.
            var since = stored is null ? DateTime.MinValue : stored.UpdatedAt - ClockMargin;
            var written = await RetryingAsync(c => IndexReportsAsync(since, c), ct) + await RetryingAsync(c => IndexPromptsAsync(since, c), ct);
            Written += written;
            await StoreRevisionAsync(revision, started, ct);
            Volatile.Write(ref _indexedRevision, revision);
            return written;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes the items' signatures and band keys (items deleted for good; retracted ones can stay).</summary>
    public async Task ForgetAsync(IReadOnlyCollection<Guid> itemIds, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in itemIds.Chunk(500))
        {
            await RemoveAsync(db, chunk, null, ct);
        }

        await transaction.CommitAsync(ct);
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Deletes the stored signatures of the items (of one kind, or all) and the band keys recomputed from them.</summary>
    private static async Task RemoveAsync(PortalDbContext db, IReadOnlyCollection<Guid> ids, SimilaritySetKind? kind, CancellationToken ct)
    {
        // Two query shapes rather than "(kind IS NULL OR Kind = kind)", which SQLite answers with a full scan.
        var signatures = kind is { } only
            ? db.SimilaritySignatures.Where(s => s.Kind == only && ids.Contains(s.ItemId))
            : db.SimilaritySignatures.Where(s => ids.Contains(s.ItemId));
        var previous = await signatures.AsNoTracking().ToListAsync(ct);
        if (previous.Count == 0)
        {
            return;
        }

        var stale = previous.SelectMany(p => SimilarityBandKeys.Unpack(p.Values) is { } old
            ? SimilarityBandKeys.Of(p.Kind, old).Select(k => (Key: k, p.ItemId)) : []).ToList();
        foreach (var chunk in stale.Chunk(500))
        {
            var keys = chunk.Select(s => s.Key).Distinct().ToList();
            var items = chunk.Select(s => s.ItemId).Distinct().ToList();
            await db.SimilarityBands.Where(b => keys.Contains(b.BandKey) && items.Contains(b.ItemId)).ExecuteDeleteAsync(ct);
        }

        var previousIds = previous.Select(p => p.ItemId).Distinct().ToList();
        await signatures.Where(s => previousIds.Contains(s.ItemId)).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Another portal instance may index the same items at the same moment; its rows then collide with ours on the
    /// primary keys. The batch is rolled back and the loop asks again, finding those items indexed.
    /// </summary>
    private static async Task<int> RetryingAsync(Func<CancellationToken, Task<int>> index, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await index(ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
            }
        }
    }

    internal static string ReportSource(int version) => "v" + version.ToString(CultureInfo.InvariantCulture);

    private async Task<int> IndexReportsAsync(DateTime since, CancellationToken ct)
    {
        var written = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            var batch = await db.Reports.AsNoTracking()
                .Where(r => r.Status == ContentStatus.Published && r.UpdatedAt >= since && r.ProposalForId == null
                    && !db.SimilaritySignatures.Any(s => s.Kind == SimilaritySetKind.ReportText && s.ItemId == r.Id && s.Source == "v" + r.Version.ToString()))
                .OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.Version, r.Title, r.Summary, r.BodyMarkdown })
                .Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return written;
            }

            var ids = batch.Select(r => r.Id).ToList();
            var imports = await ReportImportQuery.PublishedImportsAsync(db, ids, ct);
            var rows = new List<(SimilaritySetKind Kind, Guid Id, string Source, HashSet<string> Set)>(batch.Count * 2);
            foreach (var report in batch)
            {
                var source = ReportSource(report.Version);
                rows.Add((SimilaritySetKind.ReportText, report.Id, source, SimilaritySets.TextShingles(report.Title, report.Summary, report.BodyMarkdown)));
                rows.Add((SimilaritySetKind.ReportImports, report.Id, source, SimilaritySets.ImportSet(imports.GetValueOrDefault(report.Id) ?? [])));
            }

            written += await WriteAsync(db, rows, ct);
        }
    }

    private async Task<int> IndexPromptsAsync(DateTime since, CancellationToken ct)
    {
        var written = 0;
        var types = SimilaritySets.PromptTypes;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            var batch = await db.Indicators.AsNoTracking()
                .Where(i => types.Contains(i.Type) && i.Status == ContentStatus.Published && i.UpdatedAt >= since
                    && !db.SimilaritySignatures.Any(s => s.Kind == SimilaritySetKind.Prompt && s.ItemId == i.Id && s.Source == i.ValueHash))
                .OrderBy(i => i.Id)
                .Select(i => new { i.Id, i.Type, i.NormalizedValue, i.ValueHash })
                .Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return written;
            }

            // A warning-list phrase is recorded with an empty set: indexed (not looked at again), matching nothing.
            written += await WriteAsync(db, batch.Select(p => (SimilaritySetKind.Prompt, p.Id, p.ValueHash,
                CommonValueWarningList.Reason(p.Type, p.NormalizedValue) is null ? SimilaritySets.PromptShingles(p.NormalizedValue) : new HashSet<string>())).ToList(), ct);
        }
    }

    /// <summary>Replaces the items' signatures and band keys in one transaction.</summary>
    private async Task<int> WriteAsync(PortalDbContext db, List<(SimilaritySetKind Kind, Guid Id, string Source, HashSet<string> Set)> rows, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var kind in rows.Select(r => r.Kind).Distinct())
        {
            // An item indexed before (an older version or value) loses its old row and band keys first.
            await RemoveAsync(db, rows.Where(r => r.Kind == kind).Select(r => r.Id).ToList(), kind, ct);
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var (kind, id, source, set) in rows)
        {
            var signature = MinHashSignature.FromStrings(set);
            db.SimilaritySignatures.Add(new SimilaritySignature
            {
                Kind = kind, ItemId = id, Source = source, ElementCount = set.Count, IndexedAt = now,
                Values = set.Count == 0 ? [] : SimilarityBandKeys.Pack(signature),
            });
            // Two bands of one signature can hash alike; the key is (BandKey, ItemId), so each pair is written once.
            foreach (var key in SimilarityBandKeys.Of(kind, signature).Distinct())
            {
                db.SimilarityBands.Add(new SimilarityBand { BandKey = key, ItemId = id });
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    private async Task<SimilarityIndexState?> StoredStateAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.SimilarityIndexStates.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SimilarityIndexState.SingletonId, ct);
    }

    /// <param name="now">When this catch-up started: the next one looks at items updated since then.</param>
    private async Task StoreRevisionAsync(long revision, DateTime now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.SimilarityIndexStates.Where(s => s.Id == SimilarityIndexState.SingletonId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Revision, revision).SetProperty(s => s.UpdatedAt, now), ct) > 0)
        {
            return;
        }

        db.SimilarityIndexStates.Add(new SimilarityIndexState { Revision = revision, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance created the row at the same moment; its revision is as good as ours.
        }
    }

    private async Task<long> RevisionAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = CatalogueRevisionSchema.CurrentSql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
