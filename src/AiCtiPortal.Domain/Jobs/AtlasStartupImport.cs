using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>
/// In Development, gives a fresh database its ATLAS catalogue: when Jobs:AtlasImport:LocalFile names an existing
/// file and no release has been imported (or queued) yet, queues an import of a copy of it. Needs the database
/// migrated first, so the host initialises the database before it starts hosted services.
/// </summary>
internal sealed class AtlasStartupImport(
    IHostEnvironment environment,
    IOptions<AtlasImportOptions> options,
    IDbContextFactory<PortalDbContext> db,
    PortalDatabaseSettings database,
    IJobLauncher launcher,
    ILogger<AtlasStartupImport> logger) : IHostedService
{
    public const string RequestedBy = "startup";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || string.IsNullOrWhiteSpace(options.Value.LocalFile))
        {
            return;
        }

        try
        {
            await EnqueueIfNeededAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A development convenience must never stop the portal from starting.
            logger.LogWarning(ex, "Could not queue the start-up ATLAS import from {LocalFile}", options.Value.LocalFile);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal async Task<Guid?> EnqueueIfNeededAsync(CancellationToken ct)
    {
        var source = Path.GetFullPath(options.Value.LocalFile!, environment.ContentRootPath);
        if (!File.Exists(source))
        {
            logger.LogWarning("Jobs:AtlasImport:LocalFile points at {Path}, which does not exist; no ATLAS import at start-up", source);
            return null;
        }

        await using (var context = await db.CreateDbContextAsync(ct))
        {
            var pending = await context.JobRuns.AnyAsync(
                r => r.JobName == AtlasImportJob.Name && (r.Status == JobRunStatus.Queued || r.Status == JobRunStatus.Running), ct);
            if (pending || await context.AtlasReleases.AnyAsync(ct))
            {
                return null;
            }
        }

        // The job deletes what it imported, so it gets a copy in uploads/ rather than the original.
        await using var original = File.OpenRead(source);
        var copy = await JobUploads.SaveAsync(database, original, ".yaml", options.Value.MaxBytes, ct);
        var runId = await launcher.EnqueueAtlasImportAsync(new AtlasImportRequest(copy, null), RequestedBy, ct);
        logger.LogInformation("Queued the start-up ATLAS import of {Path} as job run {RunId}", source, runId);
        return runId;
    }
}
