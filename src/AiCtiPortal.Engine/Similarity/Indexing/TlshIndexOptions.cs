namespace AiCtiPortal.Engine.Similarity.Indexing;

/// <summary>
/// Tuning of <see cref="TlshIndex"/>'s candidate generation. The defaults are sized for the default threshold
/// of 50 and were measured on a million digests (see the benchmark harness): 99.99% recall against an exhaustive
/// scan, a median query around 1 ms, ~6 MB per table at a million digests. Larger thresholds need more tables or
/// radius 2 to keep that recall; queries get slower when many indexed digests sit at distances of 60-150 from
/// the query (very homogeneous corpora), since those collide often enough to become candidates.
/// </summary>
public sealed record TlshIndexOptions
{
    /// <summary>Number of hash tables; each holds every digest once. More tables: higher recall, more memory.</summary>
    public int Tables { get; init; } = 16;

    /// <summary>
    /// Bits per table key (each bit: is one bucket's code at least 1, 2 or 3), from distinct buckets. At most 32;
    /// keys are hashed onto about count/2 rows (at most 2^20).
    /// </summary>
    public int KeyBits { get; init; } = 20;

    /// <summary>
    /// Key bits a probe may differ in (0, 1 or 2). Radius 1 probes KeyBits + 1 keys per table and tolerates one
    /// changed sampled bucket, which is what makes 16 tables enough at threshold 50.
    /// </summary>
    public int ProbeRadius { get; init; } = 1;

    /// <summary>Seed for the sampled bucket positions; fixed so rebuilt indexes behave identically.</summary>
    public int Seed { get; init; } = 0x7154;

    /// <summary>Options the index uses when none are given.</summary>
    public static TlshIndexOptions Default { get; } = new();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Tables, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(KeyBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(KeyBits, 32);
        ArgumentOutOfRangeException.ThrowIfLessThan(ProbeRadius, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ProbeRadius, 2);
    }
}
