using System.Text.Json;

namespace AiCtiPortal.Domain.Jobs;

/// <summary>Reads a run's recorded parameters back for a retry, refusing runs whose parameters are missing or unreadable.</summary>
public static class JobRunParameters
{
    public static T Read<T>(JobRun run)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return (run.ParametersJson is { Length: > 0 } json ? JsonSerializer.Deserialize<T>(json) : null)
                ?? throw new JobLaunchException("The run has no recorded parameters to retry with.");
        }
        catch (JsonException ex)
        {
            throw new JobLaunchException("The run's recorded parameters cannot be read, so it cannot be retried; start the job again instead.", ex);
        }
    }
}
