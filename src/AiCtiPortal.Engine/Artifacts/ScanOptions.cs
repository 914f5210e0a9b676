using AiCtiPortal.Engine.Artifacts.Policy;

namespace AiCtiPortal.Engine.Artifacts;

/// <summary>
/// Limits that bound the memory and time a scan may use on hostile input, and the policy it applies. Reaching a limit
/// is reported as a finding, never as an exception.
/// </summary>
public sealed record ScanOptions
{
    public static ScanOptions Default { get; } = new();

    public ArtifactPolicy Policy { get; init; } = ArtifactPolicy.Default;

    /// <summary>
    /// Compute the fingerprints: SHA-256 of the whole input always, TLSH and ssdeep up to <see cref="FuzzyHashMaxBytes"/>.
    /// Files and in-memory inputs are hashed on a second thread beside the analysis (ADR 0004).
    /// </summary>
    public bool ComputeFingerprints { get; init; } = true;

    /// <summary>
    /// Largest input that gets TLSH and ssdeep (about ten times the cost of SHA-256; ADR 0004). Above it the report
    /// has SHA-256 only, <see cref="ScanReport.Fingerprint"/> is null and <see cref="ScanReport.FuzzyHashesSkipped"/>
    /// says why.
    /// </summary>
    public long FuzzyHashMaxBytes { get; init; } = 512L << 20;

    /// <summary>Pickle bytes read into memory for analysis; the rest of a larger stream is reported, not read.</summary>
    public long MaxPickleBytes { get; init; } = 1L << 30;

    /// <summary>Opcodes executed symbolically across one pickle stream (including concatenated pickles).</summary>
    public long MaxPickleOps { get; init; } = 200_000_000;

    public int MaxMemoEntries { get; init; } = 4_000_000;

    public int MaxStackDepth { get; init; } = 1_000_000;

    /// <summary>Container items kept across one pickle stream (with the stack and memo caps, this bounds memory).</summary>
    public long MaxRetainedItems { get; init; } = 8_000_000;

    /// <summary>Items kept per symbolic container; further items are counted only, which bounds memory.</summary>
    public int MaxContainerItems { get; init; } = 4_096;

    /// <summary>Depth of containers inside containers (zip in zip, pickle in bytes in pickle).</summary>
    public int MaxNestingDepth { get; init; } = 4;

    /// <summary>Bytes one archive member may inflate to; beyond it inflation stops (zip-bomb guard).</summary>
    public long MaxMemberInflatedBytes { get; init; } = 4L << 30;

    /// <summary>Bytes of a member kept in memory for content analysis (pickles, configs, nested archives).</summary>
    public long MaxMemberAnalysedBytes { get; init; } = 512L << 20;

    /// <summary>Inflated/compressed ratio above which a member of more than 1 MiB is reported.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>
    /// Bytes a compressed joblib stream (zlib, gzip) may decompress to; beyond it decompression stops and the file is
    /// reported as a decompression bomb. Only the first <see cref="MaxPickleBytes"/> are kept for analysis.
    /// </summary>
    public long MaxDecompressedBytes { get; init; } = 4L << 30;

    /// <summary>Bytes of an HDF5 file searched for Keras configs (attribute names and JSON text).</summary>
    public long MaxHdf5ScanBytes { get; init; } = 2L << 30;

    /// <summary>Largest Keras JSON config read out of an HDF5 file.</summary>
    public int MaxHdf5ConfigBytes { get; init; } = 64 << 20;

    public int MaxArchiveEntries { get; init; } = 100_000;

    /// <summary>GGUF string values longer than this are skipped without being read.</summary>
    public int MaxGgufStringBytes { get; init; } = 8 << 20;

    /// <summary>Wall-clock budget of one scan; beyond it the scan stops with a SCAN_LIMIT finding.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Indicators (URLs, domains, IPs) extracted per scan; the rest are counted in a note.</summary>
    public int MaxIndicators { get; init; } = 1_000;
}
