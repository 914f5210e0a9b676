namespace AiCtiPortal.Domain.Jobs;

/// <summary>A job cannot be started as asked (an invalid request, or a retry of a run that did not fail).</summary>
public sealed class JobLaunchException : Exception
{
    public JobLaunchException()
    {
    }

    public JobLaunchException(string message)
        : base(message)
    {
    }

    public JobLaunchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
