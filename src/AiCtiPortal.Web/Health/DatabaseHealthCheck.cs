using AiCtiPortal.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiCtiPortal.Web.Health;

/// <summary>Healthy when the database answers and every migration this build knows has been applied.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var provider = db.Database.ProviderName ?? "unknown";
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy($"Cannot connect to the database ({provider}).");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            var data = new Dictionary<string, object>
            {
                ["provider"] = provider,
                ["pendingMigrations"] = pending.Count,
            };
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Connected; schema up to date.", data)
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}.", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Database check failed: {ex.Message}");
        }
    }
}
