using System.Security.Cryptography;
using System.Text;
using AiCtiPortal.Engine.Artifacts;
using AiCtiPortal.Engine.Artifacts.Policy;
using AiCtiPortal.Engine.Tests.Artifacts.Builders;

namespace AiCtiPortal.Engine.Tests.Artifacts;

public sealed class PolicyAndScannerTests
{
    [Theory]
    [InlineData("os", "system", GlobalVerdict.Denied)]
    [InlineData("posix", "system", GlobalVerdict.Denied)]
    [InlineData("nt", "system", GlobalVerdict.Denied)]
    [InlineData("subprocess", "Popen", GlobalVerdict.Denied)]
    [InlineData("builtins", "exec", GlobalVerdict.Denied)]
    [InlineData("builtins", "getattr", GlobalVerdict.Denied)]
    [InlineData("__builtin__", "eval", GlobalVerdict.Denied)]
    [InlineData("OS", "system", GlobalVerdict.Denied)]
    [InlineData("_pickle", "loads", GlobalVerdict.Denied)]
    [InlineData("torch._utils", "_rebuild_tensor_v2", GlobalVerdict.Allowed)]
    [InlineData("torch", "BFloat16Storage", GlobalVerdict.Allowed)]
    [InlineData("collections", "OrderedDict", GlobalVerdict.Allowed)]
    [InlineData("numpy.core.multiarray", "_reconstruct", GlobalVerdict.Allowed)]
    [InlineData("_codecs", "encode", GlobalVerdict.Allowed)]
    [InlineData("builtins", "set", GlobalVerdict.Allowed)]
    [InlineData("pathlib", "PosixPath", GlobalVerdict.Allowed)]
    [InlineData("pathlib", "Path.write_text", GlobalVerdict.Denied)]
    [InlineData("numpy.random._pickle", "__randomstate_ctor", GlobalVerdict.Allowed)]
    [InlineData("sklearn.tree", "DecisionTreeClassifier", GlobalVerdict.Unknown)]
    public void Default_policy_classifies_globals(string module, string name, GlobalVerdict expected)
    {
        var verdict = ArtifactPolicy.Default.Classify(module, name);

        Assert.Equal(expected, verdict.Verdict);
        Assert.True(expected == GlobalVerdict.Unknown || verdict.Rule!.Reason.Length > 0);
    }

    [Fact]
    public void Curators_can_load_an_edited_policy_that_allows_a_global()
    {
        const string json = """
            {"name": "curated", "deniedGlobals": [{"pattern": "os.*", "reason": "os"}],
             "allowedGlobals": [{"pattern": "sklearn.*", "reason": "reviewed"}]}
            """;
        var policy = ArtifactPolicy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var pickle = new PickleBuilder().Proto(2).Global("sklearn.tree", "DecisionTreeClassifier").EmptyTuple().Reduce().Stop().ToArray();

        var report = Scans.Run(pickle, options: Scans.Fast with { Policy = policy });

        Scans.Clean(report);
        Assert.Equal("curated", report.PolicyName);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"deniedGlobals": []}""")]
    [InlineData("""{"deniedGlobals": [{"reason": "no pattern"}], "allowedGlobals": []}""")]
    public void Invalid_policies_are_rejected_with_a_message(string json)
    {
        var e = Assert.Throws<ArtifactPolicyException>(() => ArtifactPolicy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void Reports_carry_provenance_fingerprints_and_duration()
    {
        byte[] bytes = ZipBuilder.TorchZip(PickleBuilder.CallWithString("os", "system", "id"));
        string path = Path.Combine(Path.GetTempPath(), $"aicti-scan-test-{Guid.NewGuid():N}.pt");
        File.WriteAllBytes(path, bytes);
        try
        {
            var report = ArtifactScanner.ScanFile(path);

            Assert.Equal(EngineInfo.Name, report.Analyser);
            Assert.Equal(EngineInfo.Version, report.AnalyserVersion);
            Assert.Equal("aicti-default", report.PolicyName);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), report.Fingerprint!.Sha256);
            Assert.Equal(bytes.Length, report.Length);
            Assert.True(report.Duration > TimeSpan.Zero);
            Assert.Equal(ScanVerdict.Malicious, report.Verdict);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Non_seekable_streams_are_scanned_like_files()
    {
        byte[] bytes = ZipBuilder.TorchZip(PickleBuilder.TorchStateDict(("w", "0", 2, 2)));

        var report = ArtifactScanner.Scan(new ForwardOnlyStream(bytes), "upload");

        Assert.Equal(ArtifactFormat.PyTorchZip, report.Format);
        Scans.Clean(report);
        Assert.NotNull(report.Fingerprint);
    }

    [Fact]
    public void Crc32_matches_an_independent_bitwise_implementation()
    {
        var data = new byte[10_007];
        new Random(5).NextBytes(data);

        Assert.Equal(ZipBuilder.Crc32(data), AiCtiPortal.Engine.Artifacts.Io.Crc32.Append(0, data));
        Assert.Equal(0xCBF43926u, AiCtiPortal.Engine.Artifacts.Io.Crc32.Append(0, "123456789"u8));
    }

    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
