namespace AiCtiPortal.Domain.Atlas;

/// <summary>
/// The ATLAS data file is not one the portal can import: a YAML syntax error, a limit exceeded, or content that
/// breaks ATLAS's own rules. The message is for the curator who chose the file, with a line number where possible.
/// </summary>
public sealed class AtlasFormatException : Exception
{
    public AtlasFormatException()
    {
    }

    public AtlasFormatException(string message)
        : base(message)
    {
    }

    public AtlasFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AtlasFormatException(string message, long line)
        : base($"Line {line}: {message}")
    {
        Line = line;
    }

    /// <summary>1-based line in the file the problem was found at, when known.</summary>
    public long? Line { get; }
}
