namespace AiCtiPortal.Domain.Data;

/// <summary>
/// The database could not be prepared at startup. The message says what is wrong and what to do about it, in words
/// an operator can act on without reading a stack trace; the original exception is the inner exception.
/// </summary>
public sealed class DatabaseStartupException : Exception
{
    public DatabaseStartupException()
        : base("The database could not be prepared.")
    {
    }

    public DatabaseStartupException(string message)
        : base(message)
    {
    }

    public DatabaseStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
