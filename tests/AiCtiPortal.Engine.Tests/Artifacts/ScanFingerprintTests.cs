using System.Security.Cryptography;
using AiCtiPortal.Engine.Artifacts;
using AiCtiPortal.Engine.Artifacts.Io;
using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Tests.Artifacts.Builders;

namespace AiCtiPortal.Engine.Tests.Artifacts;

/// <summary>
/// The scan's fingerprint budget (ADR 0004): SHA-256 always, TLSH and ssdeep up to ScanOptions.FuzzyHashMaxBytes,
/// hashed on a second thread beside the analysis, with the same digests as the single-threaded Fingerprinter.
/// </summary>
public sealed class ScanFingerprintTests
{
    [Fact]
    public void Fuzzy_hashes_below_the_limit_are_identical_to_the_fingerprinters()
    {
        byte[] bytes = ZipBuilder.TorchZip(PickleBuilder.TorchStateDict(("w", "0", 16, 16), ("b", "1", 16, 1)), storages: 40);
        var expected = Fingerprinter.Compute(new MemoryStream(bytes));

        var fromMemory = ArtifactScanner.Scan(Exposed(bytes), "model.pt");
        var fromFile = WithFile(bytes, path => ArtifactScanner.ScanFile(path));

        foreach (var report in new[] { fromMemory, fromFile })
        {
            Assert.Equal(expected, report.Fingerprint);
            Assert.NotNull(report.Fingerprint!.Tlsh);
            Assert.Equal(expected.Sha256, report.Sha256);
            Assert.Null(report.FuzzyHashesSkipped);
            Assert.Equal(ArtifactFormat.PyTorchZip, report.Format);
        }
    }

    [Fact]
    public void Fuzzy_hashes_above_the_limit_are_skipped_and_the_report_says_why()
    {
        byte[] bytes = RandomSafetensors(64 * 1024, seed: 3);
        var options = new ScanOptions { FuzzyHashMaxBytes = 32 * 1024 };

        var report = WithFile(bytes, path => ArtifactScanner.ScanFile(path, options));

        Assert.Null(report.Fingerprint);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), report.Sha256);
        Assert.NotNull(report.FuzzyHashesSkipped);
        Assert.Contains("FuzzyHashMaxBytes", report.FuzzyHashesSkipped, StringComparison.Ordinal);
        Assert.Contains(report.FuzzyHashesSkipped, report.Notes);
        Scans.Clean(report);
    }

    [Fact]
    public void An_input_exactly_at_the_limit_still_gets_fuzzy_hashes()
    {
        byte[] bytes = RandomSafetensors(16 * 1024, seed: 4);

        var report = ArtifactScanner.Scan(new MemoryStream(bytes), "exact", new ScanOptions { FuzzyHashMaxBytes = bytes.Length });

        Assert.Equal(Fingerprinter.Compute(new MemoryStream(bytes)), report.Fingerprint);
        Assert.Null(report.FuzzyHashesSkipped);
    }

    [Fact]
    public void Every_hashing_path_gives_identical_digests_for_inputs_spanning_many_buffers()
    {
        // 5.3 MiB: six 1 MiB hashing buffers, the last one partial.
        byte[] bytes = RandomSafetensors((5 << 20) + 300_000, seed: 5);
        var expected = Fingerprinter.Compute(new MemoryStream(bytes));

        var reports = new[]
        {
            WithFile(bytes, path => ArtifactScanner.ScanFile(path)),
            ArtifactScanner.Scan(Exposed(bytes), "memory, hashed beside the analysis"),
            ArtifactScanner.Scan(new BufferedStream(new MemoryStream(bytes)), "seekable, hashed before the analysis"),
            ArtifactScanner.Scan(new UnseekableStream(bytes), "non-seekable, copied first"),
        };

        foreach (var report in reports)
        {
            Assert.Equal(expected, report.Fingerprint);
            Assert.Equal(expected.Sha256, report.Sha256);
            Assert.Equal(ArtifactFormat.Safetensors, report.Format);
            Scans.Clean(report);
        }
    }

    [Fact]
    public void Scanning_a_malformed_file_releases_the_hashing_handle()
    {
        byte[] valid = ZipBuilder.TorchZip(PickleBuilder.TorchStateDict(("w", "0", 64, 64)), storages: 30);
        byte[] truncated = valid[..(valid.Length / 2)];
        string path = Path.Combine(Path.GetTempPath(), $"aicti-scan-test-{Guid.NewGuid():N}.pt");
        File.WriteAllBytes(path, truncated);
        try
        {
            var report = ArtifactScanner.ScanFile(path);

            Assert.NotEqual(ScanVerdict.NoFindings, report.Verdict);
            Assert.Equal(Fingerprinter.Compute(new MemoryStream(truncated)), report.Fingerprint);

            // An exclusive open fails while any handle of the scan (analysis or hashing) is still open.
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Disposing_a_scan_hash_mid_way_stops_and_joins_its_thread()
    {
        var input = Exposed(new byte[64 << 20]);
        var hashes = ScanHashes.Start(input, path: null, ScanOptions.Default);
        Assert.True(hashes.Concurrent);

        hashes.Dispose();

        Assert.True(hashes.Ended);
    }

    [Fact]
    public void A_scan_whose_analysis_fails_still_joins_its_hashing_thread()
    {
        byte[] bytes = RandomSafetensors(3 << 20, seed: 6);
        var input = new FailingMemoryStream(bytes);

        var report = ArtifactScanner.Scan(input, "failing");

        // The analyser's exception became a finding; the hashes were still completed and returned.
        Scans.Has(report, FindingCodes.ScanError);
        Assert.Equal(Fingerprinter.Compute(new MemoryStream(bytes)), report.Fingerprint);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xCBF43926u)]
    public void Folded_crc32_equals_the_table_crc32_for_every_length_and_chaining(uint initial)
    {
        var data = new byte[70_000];
        new Random(9).NextBytes(data);
        foreach (int length in Enumerable.Range(0, 300).Concat([511, 512, 513, 4_096, 65_535, 70_000]))
        {
            var span = data.AsSpan(0, length);
            Assert.Equal(Crc32.AppendWithTable(initial, span), Crc32.Append(initial, span));
        }

        uint chained = Crc32.Append(Crc32.Append(0, data.AsSpan(0, 1_000)), data.AsSpan(1_000));
        Assert.Equal(ZipBuilder.Crc32(data), chained);
    }

    /// <summary>A MemoryStream whose buffer the hashing thread may read directly (TryGetBuffer succeeds).</summary>
    private static MemoryStream Exposed(byte[] bytes) => new(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);

    private static T WithFile<T>(byte[] bytes, Func<string, T> scan)
    {
        string path = Path.Combine(Path.GetTempPath(), $"aicti-scan-test-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        try
        {
            return scan(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A valid safetensors file of about <paramref name="bytes"/> bytes with one random U8 tensor.</summary>
    private static byte[] RandomSafetensors(int bytes, int seed)
    {
        var data = new byte[bytes];
        new Random(seed).NextBytes(data);
        return SafetensorsBuilder.Raw($"{{\"t\":{{\"dtype\":\"U8\",\"shape\":[{bytes}],\"data_offsets\":[0,{bytes}]}}}}", data);
    }

    private sealed class UnseekableStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 7_001));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>An in-memory input whose reads by the analysers fail (the hashing thread reads the buffer directly).</summary>
    private sealed class FailingMemoryStream(byte[] data) : MemoryStream(data, 0, data.Length, writable: false, publiclyVisible: true)
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("analyser read failed");

        public override int Read(Span<byte> buffer) => throw new InvalidOperationException("analyser read failed");
    }
}
