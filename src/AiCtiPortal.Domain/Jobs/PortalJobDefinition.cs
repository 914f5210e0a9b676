using Quartz;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>One background job as the portal declares it: identity, when it runs, and whether runs may overlap.</summary>
public sealed record PortalJobDefinition(string Name, string DisplayName, Type JobType, string Schedule, bool AllowsConcurrentRuns)
{
    public JobKey Key => new(Name, PortalJobs.Group);
}
