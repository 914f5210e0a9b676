using System.Diagnostics;
using System.Globalization;
using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// The current <see cref="CatalogueSnapshot"/>, one per process. Each search reads the revision (one row) and gets a
/// snapshot at least that new; when the catalogue has moved on, one rebuild runs and every search that needs it waits
/// for that same rebuild, so twenty readers after a publication cost one read of the catalogue, not twenty.
/// </summary>
internal sealed class CatalogueSnapshotCache(IDbContextFactory<PortalDbContext> contexts, ILogger<CatalogueSnapshotCache> logger)
{
    private readonly CatalogueSnapshotLoader _loader = new(contexts);
    private readonly Lock _gate = new();
    private CatalogueSnapshot? _current;
    private Task<CatalogueSnapshot>? _building;

    /// <summary>How many snapshots this process has built (tests use it to show reuse).</summary>
    public int Builds { get; private set; }

    /// <summary>The snapshot for a search; <paramref name="db"/>'s connection must be open.</summary>
    public async Task<CatalogueSnapshot> CurrentAsync(PortalDbContext db, CancellationToken ct)
    {
        var revision = await RevisionAsync(db, ct);
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && current.Revision >= revision)
            {
                return current;
            }

            Task<CatalogueSnapshot> building;
            lock (_gate)
            {
                // A finished build older than the revision asked for (it began before the change) means build again.
                if (_building is null || _building.IsCompleted)
                {
                    _building = Task.Run(BuildAsync, CancellationToken.None);
                }

                building = _building;
            }

            await building.WaitAsync(ct);
        }
    }

    /// <summary>Builds the first snapshot ahead of the first search (at start-up).</summary>
    public async Task WarmUpAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await CurrentAsync(db, ct);
    }

    private async Task<CatalogueSnapshot> BuildAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = await _loader.LoadAsync(CancellationToken.None);
        lock (_gate)
        {
            if (_current is null || snapshot.Revision > _current.Revision)
            {
                Volatile.Write(ref _current, snapshot);
            }

            Builds++;
        }

        logger.LogInformation(
            "Catalogue snapshot at revision {Revision}: {Reports} reports, {Indicators} indicators, read in {Elapsed:F0} ms.",
            snapshot.Revision, snapshot.Reports.Count, snapshot.Indicators.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return snapshot;
    }

    private static async Task<long> RevisionAsync(PortalDbContext db, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = CatalogueRevisionSchema.CurrentSql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
