using AiCtiPortal.Domain.Atlas;
using AiCtiPortal.Domain.Curation.Similarity;
using AiCtiPortal.Domain.Data;
using AiCtiPortal.Domain.Data.Migrations;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Sets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace AiCtiPortal.Domain.Jobs;

public static class PortalJobsServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with its persistent store in the portal's own database (same connection string as EF, tables QRTZ_*
    /// created by the portal's migrations), clustered on PostgreSQL so several web instances share the work, plus
    /// the portal's jobs, the job launcher, the ATLAS importer and the export builder. Call after AddPortalData.
    /// </summary>
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        services.Configure<AtlasImportOptions>(configuration.GetSection(AtlasImportOptions.Section));
        var database = PortalDatabaseSettings.Resolve(
            configuration.GetSection(PortalDataOptions.Section).Get<PortalDataOptions>() ?? new PortalDataOptions(), contentRootPath);

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(AtlasImportJob.HttpClientName);
        services.AddSingleton<AtlasImportService>();
        services.AddSingleton<JobRunRecorder>();
        services.AddSingleton<JobRunQueue>();
        services.AddSingleton<AtlasImportQueue>();
        services.AddSingleton<IJobLauncher, QuartzJobLauncher>();
        services.Configure<ExportOptions>(configuration.GetSection(ExportOptions.Section));
        services.AddCuratedSets();
        services.AddSingleton<ExportBuilder>();
        services.AddSingleton<ExportLauncher>();
        services.AddSingleton<ExportHistory>();
        services.AddSimilarityChecks(configuration);

        // One retry handler per job in PortalJobs.All: the job monitor retries any failed run through IJobLauncher.
        services.AddSingleton<IJobRetryHandler>(sp => sp.GetRequiredService<AtlasImportQueue>());
        services.AddSingleton<IJobRetryHandler>(sp => sp.GetRequiredService<QuartzSimilarityCheckLauncher>());
        services.AddSingleton<IJobRetryHandler>(sp => sp.GetRequiredService<ExportLauncher>());

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "AiCtiPortal";

                // How soon a trigger released by another node, or by a finished run of a non-concurrent job, is
                // noticed; one cheap query per interval. A long wait would make a curator's retry look stuck.
                scheduler.IdleWaitTime = TimeSpan.FromSeconds(5);
            });
            quartz.UseDefaultThreadPool(2);
            quartz.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(options => options.TablePrefix = QuartzSchemaScript.TablePrefix);
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    // Every web instance runs a scheduler node; the database row locks hand each trigger to one of
                    // them. Instance ids are generated per node.
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering(_ => { });
                }
                else
                {
                    // An embedded file has one process by definition: no cluster.
                    store.UseSqlite(database.ConnectionString);
                }
            });
            PortalJobs.Register(quartz);
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddHostedService<AtlasStartupImport>();
        return services;
    }
}
