using AiCtiPortal.Cli.Commands;

namespace AiCtiPortal.Cli;

/// <summary>Entry point of <c>aicti</c>, callable in-process (tests pass their own writers).</summary>
public static class CliApp
{
    public const int NoMatch = 0;
    public const int Matched = 1;
    public const int Error = 2;

    public const string Usage = """
        Usage:
          aicti fingerprint [--legacy-tlsh] PATH...
              One line per file: sha256<TAB>tlsh<TAB>ssdeep<TAB>path. Directories are walked recursively.
              TLSH is empty when undefined (under 50 bytes, or too little variety). --legacy-tlsh reproduces
              Debian's tlsh 3.4.4: no digest under 256 bytes, printed as 70 hex digits without "T1".
          aicti compare A B
              TLSH distance (with and without length) and ssdeep score of A and B. Each is a file if it exists,
              otherwise a TLSH digest or an ssdeep signature.
          aicti match [--legacy-tlsh] [--tlsh-threshold N] [--ssdeep-threshold N] --against LIST PATH...
              Compares files with the fingerprints in LIST (the output of 'aicti fingerprint'). Prints
              path<TAB>list-path<TAB>reasons for each match: sha256 (identical), tlsh=D (distance D at most
              the threshold, default 50), ssdeep=S (score S at least the threshold, default 50).
          aicti scan [--json] [--kb LIST] [--tlsh-threshold N] [--ssdeep-threshold N] PATH...
              Static analysis of model files (pickle, PyTorch, NumPy, joblib, safetensors, GGUF, Keras, ONNX),
              never loading them: verdict (NoFindings, Suspicious, Malicious, Unsupported) and findings per file,
              or a JSON array with --json. --kb matches fingerprints against LIST as 'match --against' does.
              Exit 1 when a file is Suspicious or Malicious or matches LIST, 0 otherwise, 2 on errors.

        Exit codes:
          0  success, no match (fingerprint and compare return 0 when they succeed)
          1  match: at least one file matched (match only), even if other files could not be read
          2  error: bad usage, or a file could not be read and nothing matched
        Unreadable files are reported on stderr ("aicti: cannot read PATH: reason") and the others processed.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = new CliConsole(stdout, stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.Write(Usage);
            stdout.WriteLine();
            return args.Length == 0 ? Error : NoMatch;
        }

        try
        {
            return args[0] switch
            {
                "fingerprint" => FingerprintCommand.Run(args[1..], console),
                "compare" => CompareCommand.Run(args[1..], console),
                "match" => MatchCommand.Run(args[1..], console),
                "scan" => ScanCommand.Run(args[1..], console),
                _ => console.UsageError($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            return console.UsageError(e.Message);
        }
    }
}
