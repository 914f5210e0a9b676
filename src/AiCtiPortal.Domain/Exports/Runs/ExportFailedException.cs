namespace AiCtiPortal.Domain.Exports.Runs;

/// <summary>An export could not be built; the message is for curators.</summary>
public sealed class ExportFailedException : Exception
{
    public ExportFailedException()
    {
    }

    public ExportFailedException(string message)
        : base(message)
    {
    }

    public ExportFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
