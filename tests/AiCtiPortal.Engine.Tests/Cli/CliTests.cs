using AiCtiPortal.Cli;

namespace AiCtiPortal.Engine.Tests.Cli;

/// <summary>Runs aicti in-process on a small temporary corpus.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aicti-cli-").FullName;

    public CliTests()
    {
        File.WriteAllBytes(Path.Combine(_dir, "a.txt"), Similarity.TestCorpus.Generate("text:1:20000"));
        File.WriteAllBytes(Path.Combine(_dir, "a-edited.txt"), Similarity.TestCorpus.Generate("mut:1:20000:3"));
        File.WriteAllBytes(Path.Combine(_dir, "other.bin"), Similarity.TestCorpus.Generate("rand:2:20000"));
        File.WriteAllText(Path.Combine(_dir, "tiny.txt"), "Hello world!");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Fingerprint_prints_one_tab_separated_line_per_file()
    {
        var (code, stdout, stderr) = Run("fingerprint", _dir);
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        string tiny = Assert.Single(lines, l => l.EndsWith("tiny.txt", StringComparison.Ordinal));
        Assert.Equal(
            $"c0535e4be2b79ffd93291305436bf889314e4a3faec05ecffcbb7df31ad9e51a\t\t3:agPE:agPE\t{Path.Combine(_dir, "tiny.txt")}",
            tiny);
        Assert.All(lines.Where(l => !l.Contains("tiny", StringComparison.Ordinal)), l => Assert.StartsWith("T1", l.Split('\t')[1], StringComparison.Ordinal));
    }

    [Fact]
    public void Legacy_flag_prints_digests_without_prefix()
    {
        var (code, stdout, _) = Run("fingerprint", "--legacy-tlsh", Path.Combine(_dir, "a.txt"));
        Assert.Equal(0, code);
        Assert.Equal(70, stdout.Split('\t')[1].Length);
    }

    [Fact]
    public void Unreadable_paths_are_reported_and_the_rest_processed()
    {
        string missing = Path.Combine(_dir, "missing");
        var (code, stdout, stderr) = Run("fingerprint", missing, Path.Combine(_dir, "a.txt"));
        Assert.Equal(2, code);
        Assert.Contains($"aicti: cannot read {missing}:", stderr, StringComparison.Ordinal);
        Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Compare_reports_distances_and_score_for_files_and_digests()
    {
        var (code, stdout, _) = Run("compare", Path.Combine(_dir, "a.txt"), Path.Combine(_dir, "a-edited.txt"));
        Assert.Equal(0, code);
        Assert.Matches(@"^tlsh_distance\t\d+\ntlsh_distance_no_length\t\d+\nssdeep_score\t\d+\n$", stdout.Replace("\r", string.Empty, StringComparison.Ordinal));

        (code, stdout, _) = Run("compare",
            "3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C", "3:AXGBicFlIHBGcL6wCrFQEv:AXGH6xLsr2C");
        Assert.Equal(0, code);
        Assert.Contains("ssdeep_score\t22", stdout, StringComparison.Ordinal);
        Assert.Contains("tlsh_distance\t-", stdout, StringComparison.Ordinal);

        (code, _, string stderr) = Run("compare", "not-a-digest", "3:agPE:agPE");
        Assert.Equal(2, code);
        Assert.Contains("'not-a-digest' is not a file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_finds_exact_and_similar_files_and_sets_the_exit_code()
    {
        string list = Path.Combine(_dir, "known.list");
        var (_, fingerprints, _) = Run("fingerprint", Path.Combine(_dir, "a.txt"));
        File.WriteAllText(list, fingerprints + "this line is malformed\n");

        var (code, stdout, stderr) = Run("match", "--against", list, Path.Combine(_dir, "a.txt"), Path.Combine(_dir, "a-edited.txt"));
        Assert.Equal(1, code);
        Assert.Contains("known.list:2: malformed line skipped", stderr, StringComparison.Ordinal);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith(Path.Combine(_dir, "a.txt") + "\t", StringComparison.Ordinal) && l.EndsWith("sha256,tlsh=0,ssdeep=100", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(Path.Combine(_dir, "a-edited.txt") + "\t", StringComparison.Ordinal) && l.Contains("tlsh=", StringComparison.Ordinal));

        (code, stdout, _) = Run("match", "--against", list, "--tlsh-threshold", "0", "--ssdeep-threshold", "100", Path.Combine(_dir, "other.bin"));
        Assert.Equal(0, code);
        Assert.Empty(stdout);
    }

    [Fact]
    public void Bad_usage_exits_with_2()
    {
        Assert.Equal(2, Run("frobnicate").Code);
        Assert.Equal(2, Run("match", _dir).Code);
        Assert.Equal(2, Run("match", "--against", "x", "--tlsh-threshold", "many", _dir).Code);
        Assert.Equal(2, Run("compare", "only-one").Code);
        Assert.Equal(0, Run("--help").Code);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
