namespace AiCtiPortal.E2E.Infrastructure;

/// <summary>The portal did not come up; the message carries its own log so CI output says why.</summary>
public sealed class PortalStartupException : Exception
{
    public PortalStartupException()
    {
    }

    public PortalStartupException(string message)
        : base(message)
    {
    }

    public PortalStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PortalStartupException(string message, string portalLog)
        : base($"{message}{Environment.NewLine}--- portal log ---{Environment.NewLine}{portalLog}")
    {
    }
}
