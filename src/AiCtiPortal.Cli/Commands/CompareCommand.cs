using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Cli.Commands;

/// <summary><c>aicti compare A B</c>: TLSH distances and ssdeep score of two files or digests.</summary>
internal static class CompareCommand
{
    public static int Run(string[] args, CliConsole console)
    {
        var options = Options.Parse(args, new HashSet<string>(), new HashSet<string>());
        if (options.Positional.Count != 2)
        {
            throw new UsageException("compare needs exactly two arguments (files, TLSH digests or ssdeep signatures)");
        }

        var a = Resolve(options.Positional[0], console);
        var b = Resolve(options.Positional[1], console);
        if (a is null || b is null)
        {
            return CliApp.Error;
        }

        bool tlsh = a.Value.Tlsh is not null && b.Value.Tlsh is not null;
        bool ssdeep = a.Value.Ssdeep is not null && b.Value.Ssdeep is not null;
        if (!tlsh && !ssdeep)
        {
            console.Error("nothing to compare: the two arguments share neither a TLSH digest nor an ssdeep signature");
            return CliApp.Error;
        }

        console.Out.WriteLine($"tlsh_distance\t{(tlsh ? TlshDigest.Distance(a.Value.Tlsh!.Value, b.Value.Tlsh!.Value) : "-")}");
        console.Out.WriteLine($"tlsh_distance_no_length\t{(tlsh ? TlshDigest.Distance(a.Value.Tlsh!.Value, b.Value.Tlsh!.Value, includeLength: false) : "-")}");
        console.Out.WriteLine($"ssdeep_score\t{(ssdeep ? SsdeepSignature.Compare(a.Value.Ssdeep!, b.Value.Ssdeep!) : "-")}");
        return CliApp.NoMatch;
    }

    private static (TlshDigest? Tlsh, SsdeepSignature? Ssdeep)? Resolve(string argument, CliConsole console)
    {
        if (File.Exists(argument))
        {
            var fingerprint = FingerprintCommand.TryCompute(argument, TlshProfile.Modern, console);
            return fingerprint is null ? null : (fingerprint.Tlsh, fingerprint.Ssdeep);
        }

        if (TlshDigest.TryParse(argument, out var digest))
        {
            return (digest, null);
        }

        if (SsdeepSignature.TryParse(argument, out var signature))
        {
            return (null, signature);
        }

        console.Error($"'{argument}' is not a file, a TLSH digest (T1 + 70 hex digits) or an ssdeep signature (blocksize:part1:part2)");
        return null;
    }
}
