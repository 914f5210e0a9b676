using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace AiCtiPortal.Web.Health;

/// <summary>
/// Reports the Quartz scheduler's lifecycle state in plain words: running is healthy; created-but-not-started and
/// standby are degraded (pages still work, jobs wait); shutting down or shut down is unhealthy, since no job will run.
/// </summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var status = await scheduler.GetStatus(cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["name"] = scheduler.SchedulerName,
                ["instanceId"] = scheduler.SchedulerInstanceId,
                ["state"] = status.ToString(),
            };

            return status switch
            {
                SchedulerStatus.Running => HealthCheckResult.Healthy("The scheduler is started.", data),
                SchedulerStatus.Standby => HealthCheckResult.Degraded("The scheduler is in standby; jobs wait.", data: data),
                SchedulerStatus.Created => HealthCheckResult.Degraded("The scheduler is not started yet.", data: data),
                SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown =>
                    HealthCheckResult.Unhealthy("The scheduler is shut down; no job will run.", data: data),
                _ => HealthCheckResult.Unhealthy($"The scheduler's state is {status}.", data: data),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The scheduler is unavailable: {ex.Message}");
        }
    }
}
