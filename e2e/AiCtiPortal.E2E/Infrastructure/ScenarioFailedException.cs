namespace AiCtiPortal.E2E.Infrastructure;

/// <summary>A browser scenario failed; the message adds what the browser and the portal said at the time.</summary>
public sealed class ScenarioFailedException : Exception
{
    public ScenarioFailedException()
    {
    }

    public ScenarioFailedException(string message)
        : base(message)
    {
    }

    public ScenarioFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
