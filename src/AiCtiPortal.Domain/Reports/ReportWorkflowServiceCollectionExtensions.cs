using AiCtiPortal.Domain.Discussions;
using AiCtiPortal.Domain.Reviews;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiCtiPortal.Domain.Reports;

public static class ReportWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ReportWorkflow"/> with its quorum options from the "Review" section, and the
    /// <see cref="DiscussionService"/> that shares its audit trail and notifications.
    /// </summary>
    public static IServiceCollection AddReportWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReviewOptions>(configuration.GetSection(ReviewOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReportWorkflow>();
        services.AddSingleton<DiscussionService>();
        return services;
    }
}
