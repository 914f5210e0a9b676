using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiCtiPortal.Domain.Catalogue;

/// <summary>
/// Reports published without the workflow (the demo seed, imports, a load generator) lack their score and indicator
/// mask; this fills them in once the database is migrated, then builds the first catalogue snapshot, both before
/// the portal serves its first request (so no reader waits for the snapshot of a large catalogue).
/// </summary>
internal sealed class CatalogueStatisticsStartup(
    IDbContextFactory<PortalDbContext> contexts, CatalogueSnapshotCache snapshots, ILogger<CatalogueStatisticsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await CatalogueStatistics.RefreshMissingAsync(db, cancellationToken);
        if (updated > 0)
        {
            logger.LogInformation("Computed catalogue score and indicator types for {Count} published reports.", updated);
        }

        await snapshots.WarmUpAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
