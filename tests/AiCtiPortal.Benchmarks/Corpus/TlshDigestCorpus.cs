using AiCtiPortal.Engine.Similarity;

namespace AiCtiPortal.Benchmarks.Corpus;

/// <summary>
/// Generates a realistic population of TLSH digests for index benchmarks.
/// <list type="number">
/// <item>Real digests: a few thousand synthetic files (mixed content, 4-64 KiB) and mutated variants of each
/// (0.5-15% edited), hashed with the engine's TLSH. These give real digests and, more importantly, the real
/// distribution of how variant digests differ from their original.</item>
/// <item>Families: most of the population is synthesised from real digests by perturbing them the way the real
/// variants differ: a number of bucket-code changes drawn from the measured base→variant distribution (changes
/// are ±1 on buckets, balanced up/down so the quartile structure is kept), occasionally a length-code or
/// quartile-ratio step, and a new checksum. Family sizes are heavy-tailed (most small, a few of hundreds).</item>
/// <item>Unrelated digests: uniformly random bodies with plausible headers, far from everything.</item>
/// </list>
/// Queries are fresh variants of family roots (new samples of known families) mixed with unrelated ones.
/// </summary>
internal sealed class TlshDigestCorpus
{
    private readonly Random random;
    private readonly List<TlshDigest> roots = [];
    private readonly List<int> changedBuckets = [];

    private TlshDigestCorpus(int seed) => random = new Random(seed);

    /// <summary>Real (hashed) digests, used as family roots.</summary>
    public IReadOnlyList<TlshDigest> RealDigests => roots;

    /// <summary>Measured distribution: number of buckets changed between a real file and its variant.</summary>
    public IReadOnlyList<int> ChangedBuckets => changedBuckets;

    /// <summary>Hashes <paramref name="baseFiles"/> files and their variants to seed the generator.</summary>
    public static TlshDigestCorpus Create(int baseFiles, int variantsPerFile, int seed = 42)
    {
        var corpus = new TlshDigestCorpus(seed);
        var r = corpus.random;
        for (var f = 0; f < baseFiles; f++)
        {
            var file = SyntheticFiles.Create(r, r.Next(4096, 65536));
            if (TlshHasher.Compute(file) is not { } baseDigest)
            {
                continue;
            }

            corpus.roots.Add(baseDigest);
            for (var v = 0; v < variantsPerFile; v++)
            {
                var variant = SyntheticFiles.Mutate(r, file, 0.005 + (r.NextDouble() * 0.145));
                if (TlshHasher.Compute(variant) is { } variantDigest)
                {
                    corpus.roots.Add(variantDigest);
                    corpus.changedBuckets.Add(CountChangedBuckets(baseDigest, variantDigest));
                }
            }
        }

        return corpus;
    }

    /// <summary>
    /// <paramref name="count"/> digests: families grown from real digests (<paramref name="familyShare"/> of the
    /// total, real digests included) and unrelated random ones for the rest, shuffled.
    /// </summary>
    public List<TlshDigest> Population(int count, double familyShare)
    {
        var result = new List<TlshDigest>(count);
        var familyTotal = (int)(count * familyShare);
        result.AddRange(roots.Take(familyTotal));
        while (result.Count < familyTotal)
        {
            var root = roots[random.Next(roots.Count)];
            // Heavy-tailed family size: Pareto-like, 1 to ~500 members.
            var size = Math.Min(500, (int)(1 / Math.Pow(random.NextDouble() + 1e-9, 0.8)));
            for (var i = 0; i < size && result.Count < familyTotal; i++)
            {
                result.Add(Variant(root));
            }
        }

        while (result.Count < count)
        {
            result.Add(Unrelated());
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result));
        return result;
    }

    /// <summary>A query: a fresh variant of a real digest (<paramref name="familyShare"/> of the time) or an unrelated digest.</summary>
    public TlshDigest Query(double familyShare) =>
        random.NextDouble() < familyShare ? Variant(roots[random.Next(roots.Count)]) : Unrelated();

    /// <summary>A perturbed copy of <paramref name="root"/>, changed as much as a measured real variant.</summary>
    public TlshDigest Variant(in TlshDigest root)
    {
        var changes = changedBuckets.Count == 0 ? 10 : changedBuckets[random.Next(changedBuckets.Count)];
        Span<byte> body = stackalloc byte[TlshDigest.BodyLength];
        root.Body.CopyTo(body);
        for (var c = 0; c < changes; c++)
        {
            // Alternate up and down moves so each code keeps about a quarter of the buckets, as quartiles imply.
            var up = c % 2 == 0;
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var bucket = random.Next(128);
                var code = (body[bucket / 4] >> (2 * (bucket % 4))) & 3;
                if ((up && code == 3) || (!up && code == 0))
                {
                    continue;
                }

                var next = up ? code + 1 : code - 1;
                body[bucket / 4] = (byte)((body[bucket / 4] & ~(3 << (2 * (bucket % 4)))) | (next << (2 * (bucket % 4))));
                break;
            }
        }

        var length = root.LengthCode;
        var q1 = root.Q1Ratio;
        var q2 = root.Q2Ratio;
        if (random.Next(4) == 0)
        {
            length = (byte)(length + (random.Next(2) == 0 ? 1 : -1));
        }

        if (random.Next(6) == 0)
        {
            q1 = (byte)((q1 + (random.Next(2) == 0 ? 1 : 15)) & 15);
        }

        if (random.Next(6) == 0)
        {
            q2 = (byte)((q2 + (random.Next(2) == 0 ? 1 : 15)) & 15);
        }

        var checksum = random.Next(4) == 0 ? root.Checksum : (byte)random.Next(256);
        return new TlshDigest(checksum, length, q1, q2, body);
    }

    /// <summary>An unrelated digest: uniformly random body, header values in plausible ranges.</summary>
    public TlshDigest Unrelated()
    {
        Span<byte> body = stackalloc byte[TlshDigest.BodyLength];
        random.NextBytes(body);
        return new TlshDigest((byte)random.Next(256), (byte)random.Next(10, 90), (byte)random.Next(16), (byte)random.Next(16), body);
    }

    private static int CountChangedBuckets(in TlshDigest a, in TlshDigest b)
    {
        var changed = 0;
        for (var bucket = 0; bucket < 128; bucket++)
        {
            var shift = 2 * (bucket % 4);
            if (((a.Body[bucket / 4] >> shift) & 3) != ((b.Body[bucket / 4] >> shift) & 3))
            {
                changed++;
            }
        }

        return changed;
    }
}
