namespace AiCtiPortal.Cli;

/// <summary>Output and error reporting shared by the commands; remembers whether an error was reported.</summary>
public sealed class CliConsole(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;

    public bool HadError { get; private set; }

    public void Error(string message)
    {
        HadError = true;
        stderr.WriteLine($"aicti: {message}");
    }

    /// <summary>A problem that does not make the run fail (for example a malformed line in a list).</summary>
    public void Warn(string message) => stderr.WriteLine($"aicti: {message}");

    public void CannotRead(string path, Exception e) => Error($"cannot read {path}: {e.Message}");

    public int UsageError(string message)
    {
        Error(message);
        stderr.WriteLine("Run 'aicti --help' for usage.");
        return CliApp.Error;
    }
}

/// <summary>Bad command-line usage: reported with a hint to --help, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
