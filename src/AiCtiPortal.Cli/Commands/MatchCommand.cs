using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Cli.Commands;

/// <summary>
/// <c>aicti match PATH... --against LIST</c>: reports files identical or similar to a listed fingerprint, looked
/// up in the engine's exact, TLSH and ssdeep indexes built once from the list.
/// </summary>
internal static class MatchCommand
{
    public static int Run(string[] args, CliConsole console)
    {
        var options = Options.Parse(
            args,
            new HashSet<string> { "--legacy-tlsh" },
            new HashSet<string> { "--against", "--tlsh-threshold", "--ssdeep-threshold" });
        string list = options.Value("--against") ?? throw new UsageException("match needs --against LIST");
        if (options.Positional.Count == 0)
        {
            throw new UsageException("match needs at least one PATH");
        }

        int tlshThreshold = options.Int("--tlsh-threshold", 50, 0, 10_000);
        int ssdeepThreshold = options.Int("--ssdeep-threshold", 50, 1, 100);
        var profile = options.Has("--legacy-tlsh") ? TlshProfile.Legacy : TlshProfile.Modern;
        var known = FingerprintList.Read(list, console);
        if (known is null)
        {
            return CliApp.Error;
        }

        var indexes = KnownIndexes.Build(known);
        bool matched = false;
        foreach (string file in FileWalker.Expand(options.Positional, console))
        {
            if (FingerprintCommand.TryCompute(file, profile, console) is not { } fingerprint)
            {
                continue;
            }

            foreach (var (entry, reasons) in indexes.Match(fingerprint, tlshThreshold, ssdeepThreshold))
            {
                matched = true;
                console.Out.WriteLine($"{file}\t{entry.Path}\t{reasons}");
            }
        }

        return matched ? CliApp.Matched : console.HadError ? CliApp.Error : CliApp.NoMatch;
    }
}
