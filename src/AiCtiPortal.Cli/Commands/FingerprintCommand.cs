using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Cli.Commands;

/// <summary><c>aicti fingerprint [--legacy-tlsh] PATH...</c>: sha256, tlsh, ssdeep and path, tab-separated.</summary>
internal static class FingerprintCommand
{
    public static int Run(string[] args, CliConsole console)
    {
        var options = Options.Parse(args, new HashSet<string> { "--legacy-tlsh" }, new HashSet<string>());
        if (options.Positional.Count == 0)
        {
            throw new UsageException("fingerprint needs at least one PATH");
        }

        var profile = options.Has("--legacy-tlsh") ? TlshProfile.Legacy : TlshProfile.Modern;
        foreach (string file in FileWalker.Expand(options.Positional, console))
        {
            if (TryCompute(file, profile, console) is { } fingerprint)
            {
                console.Out.WriteLine(Format(fingerprint, profile, file));
            }
        }

        return console.HadError ? CliApp.Error : CliApp.NoMatch;
    }

    public static FileFingerprint? TryCompute(string file, TlshProfile profile, CliConsole console)
    {
        try
        {
            return Fingerprinter.ComputeFile(file, profile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.CannotRead(file, e);
            return null;
        }
    }

    /// <summary>One line of the fingerprint format (also the format 'match --against' reads).</summary>
    public static string Format(FileFingerprint fingerprint, TlshProfile profile, string path)
    {
        string tlsh = fingerprint.Tlsh is { } digest
            ? (profile == TlshProfile.Legacy ? digest.ToLegacyString() : digest.ToString())
            : string.Empty;
        return $"{fingerprint.Sha256}\t{tlsh}\t{fingerprint.Ssdeep}\t{path}";
    }
}
