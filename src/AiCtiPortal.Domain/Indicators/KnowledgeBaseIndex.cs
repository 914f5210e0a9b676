using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;
using Microsoft.EntityFrameworkCore;

namespace AiCtiPortal.Domain.Indicators;

/// <summary>
/// The knowledge base's artifact fingerprints in the engine's indexes (SHA-256 exact, TLSH near neighbours, ssdeep
/// candidates), rebuilt from the database by streaming the indicator rows once. Match ids are indicator ids.
/// </summary>
public sealed class KnowledgeBaseIndex
{
    private static readonly IndicatorType[] FingerprintTypes =
        [IndicatorType.ModelFileSha256, IndicatorType.ModelFileTlsh, IndicatorType.ModelFileSsdeep];

    private readonly ExactIndex _sha256;
    private readonly TlshIndex _tlsh;
    private readonly SsdeepIndex _ssdeep;

    private KnowledgeBaseIndex(ExactIndex sha256, TlshIndex tlsh, SsdeepIndex ssdeep)
    {
        _sha256 = sha256;
        _tlsh = tlsh;
        _ssdeep = ssdeep;
    }

    public int Count => (int)_sha256.Count + _tlsh.Count + _ssdeep.Count;

    /// <summary>Rows the indexes refused (a value the catalogue accepted but the engine cannot read), with reasons.</summary>
    public long RejectedCount => _sha256.Rejections.Count + _tlsh.Rejections.Count + _ssdeep.Rejections.Count;

    /// <summary>The indicators of the types the index reads (model-file SHA-256, TLSH and ssdeep).</summary>
    public static IQueryable<Indicator> Indexed(IQueryable<Indicator> indicators) =>
        indicators.Where(i => FingerprintTypes.Contains(i.Type));

    /// <param name="indicators">Which indicators to index, for example the published ones a viewer may see.</param>
    public static async Task<KnowledgeBaseIndex> BuildAsync(IQueryable<Indicator> indicators, CancellationToken ct)
    {
        var sha256 = new List<(string, string)>();
        var ssdeep = new List<(string, string?)>();
        var tlsh = new TlshIndexBuilder();
        var rows = Indexed(indicators)
            .Select(i => new { i.Id, i.Type, i.NormalizedValue })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            var id = row.Id.ToString();
            switch (row.Type)
            {
                case IndicatorType.ModelFileSha256: sha256.Add((id, row.NormalizedValue)); break;
                case IndicatorType.ModelFileTlsh: tlsh.Add(id, row.NormalizedValue); break;
                default: ssdeep.Add((id, row.NormalizedValue)); break;
            }
        }

        return new KnowledgeBaseIndex(ExactIndex.BuildSha256(sha256), tlsh.Build(), SsdeepIndex.BuildFromText(ssdeep));
    }

    /// <summary>Every indexed indicator the fingerprint matches exactly or within the thresholds, each with its reason.</summary>
    public IReadOnlyList<SimilarityMatch> Match(FileFingerprint fingerprint, int tlshThreshold = TlshIndex.DefaultThreshold, int ssdeepMinScore = 50) =>
        Match(fingerprint.Sha256, fingerprint.Tlsh, fingerprint.Ssdeep, tlshThreshold, ssdeepMinScore);

    /// <summary>
    /// Matches whatever parts of a fingerprint are known: a scan of a very large file has its SHA-256 but may skip the
    /// fuzzy hashes (ScanOptions.FuzzyHashMaxBytes), and exact matching must still work then.
    /// </summary>
    public IReadOnlyList<SimilarityMatch> Match(
        string? sha256, TlshDigest? tlsh, SsdeepSignature? ssdeep, int tlshThreshold = TlshIndex.DefaultThreshold, int ssdeepMinScore = 50)
    {
        var matches = new List<SimilarityMatch>();
        if (sha256 is not null)
        {
            matches.AddRange(_sha256.Query(sha256));
        }

        if (tlsh is { } digest)
        {
            matches.AddRange(_tlsh.Query(digest, tlshThreshold));
        }

        if (ssdeep is not null)
        {
            matches.AddRange(_ssdeep.Query(ssdeep, ssdeepMinScore));
        }

        return matches;
    }
}
