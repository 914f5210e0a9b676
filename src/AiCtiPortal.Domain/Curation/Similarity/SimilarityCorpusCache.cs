using System.Globalization;
using AiCtiPortal.Domain.Catalogue;
using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// One <see cref="SimilarityCorpus"/> per process, rebuilt only when the published catalogue changes. The stamp is
/// the catalogue revision, which database triggers raise on every change to published reports, indicators or their
/// links (migration 0008), so no code path can leave the corpus stale. Concurrent callers share one rebuild.
/// </summary>
public sealed class SimilarityCorpusCache(IDbContextFactory<PortalDbContext> contexts, IOptions<SimilarityOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private Entry? _current;

    public async Task<SimilarityCorpus> GetAsync(CancellationToken ct = default)
    {
        long revision;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            revision = await RevisionAsync(db, ct);
        }

        if (Volatile.Read(ref _current) is { } current && current.Revision == revision)
        {
            return current.Corpus;
        }

        await _rebuild.WaitAsync(ct);
        try
        {
            if (_current is { } built && built.Revision == revision)
            {
                return built.Corpus;
            }

            await using var db = await contexts.CreateDbContextAsync(ct);
            var corpus = await SimilarityCorpus.BuildAsync(db.Reports, db.ReportIndicators, db.Indicators, options.Value, ct);
            Volatile.Write(ref _current, new Entry(revision, corpus));
            return corpus;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    public void Dispose() => _rebuild.Dispose();

    private sealed record Entry(long Revision, SimilarityCorpus Corpus);

    private static async Task<long> RevisionAsync(PortalDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = CatalogueRevisionSchema.CurrentSql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
