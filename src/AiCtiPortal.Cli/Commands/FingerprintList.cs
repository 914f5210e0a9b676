using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Cli.Commands;

/// <summary>A known fingerprint read from a list in the 'aicti fingerprint' format.</summary>
internal sealed record ListedFingerprint(string Sha256, TlshDigest? Tlsh, SsdeepSignature Ssdeep, string Path);

/// <summary>Reads fingerprint lists; malformed lines are reported with their line number and skipped.</summary>
internal static class FingerprintList
{
    public static List<ListedFingerprint>? Read(string listPath, CliConsole console)
    {
        var result = new List<ListedFingerprint>();
        try
        {
            int number = 0;
            foreach (string line in File.ReadLines(listPath))
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }

                if (Parse(line, out var entry, out string? problem))
                {
                    result.Add(entry);
                }
                else
                {
                    console.Warn($"{listPath}:{number}: malformed line skipped ({problem})");
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.CannotRead(listPath, e);
            return null;
        }

        return result;
    }

    private static bool Parse(string line, out ListedFingerprint entry, out string? problem)
    {
        entry = null!;
        string[] f = line.Split('\t', 4);
        if (f.Length != 4)
        {
            problem = "expected sha256<TAB>tlsh<TAB>ssdeep<TAB>path";
            return false;
        }

        if (f[0].Length != 64 || !f[0].All(char.IsAsciiHexDigit))
        {
            problem = "bad sha256";
            return false;
        }

        TlshDigest? tlsh = null;
        if (f[1].Length > 0)
        {
            if (!TlshDigest.TryParse(f[1], out var digest))
            {
                problem = "bad TLSH digest";
                return false;
            }

            tlsh = digest;
        }

        if (!SsdeepSignature.TryParse(f[2], out var ssdeep))
        {
            problem = "bad ssdeep signature";
            return false;
        }

        problem = null;
        entry = new ListedFingerprint(f[0].ToLowerInvariant(), tlsh, ssdeep, f[3]);
        return true;
    }
}
