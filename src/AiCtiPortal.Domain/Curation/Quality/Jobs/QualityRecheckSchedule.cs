using AiCtiPortal.Domain.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiCtiPortal.Domain.Curation.Quality.Jobs;

/// <summary>
/// Puts the nightly re-check's cron trigger into Quartz's persistent store at start-up, from
/// <see cref="QualityRecheckOptions.Schedule"/>: created when missing, replaced when the schedule changed, left alone
/// (with its next firing time) when it did not, removed when the re-check is disabled. A firing missed while the
/// portal was down runs once at the next start.
/// </summary>
internal sealed class QualityRecheckSchedule(
    ISchedulerFactory schedulers, IOptions<QualityRecheckOptions> options, ILogger<QualityRecheckSchedule> logger) : IHostedService
{
    public static TriggerKey Key { get; } = new(QualityRecheckJob.TriggerName, PortalJobs.Group);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Enabled && !CronExpression.TryParse(settings.Schedule, out _))
        {
            throw new InvalidOperationException(
                $"{QualityRecheckOptions.SectionName}:Schedule '{settings.Schedule}' is not a Quartz cron expression (seconds first, e.g. \"0 30 2 * * ?\").");
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var existing = await scheduler.GetTrigger(Key, cancellationToken);
        if (!settings.Enabled)
        {
            if (existing is not null)
            {
                await scheduler.UnscheduleJob(Key, cancellationToken);
            }

            return;
        }

        if (existing is ICronTrigger cron && cron.CronExpressionString == settings.Schedule)
        {
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(Key)
            .ForJob(PortalJobs.QualityRecheck.Key)
            .WithDescription("Nightly quality re-check of the published catalogue")
            .WithCronSchedule(settings.Schedule, cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        try
        {
            if (existing is null)
            {
                await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
            }
            else
            {
                await scheduler.RescheduleJob(Key, trigger, cancellationToken);
            }
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node of the cluster scheduled it between our read and write: one trigger either way.
            logger.LogInformation("The quality re-check trigger was scheduled by another portal instance");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
