using System.Globalization;
using AiCtiPortal.Engine.Similarity;
using AiCtiPortal.Engine.Similarity.Indexing;

namespace AiCtiPortal.Cli.Commands;

/// <summary>The list entries indexed by SHA-256, TLSH and ssdeep; ids are the entries' positions in the list.</summary>
internal sealed class KnownIndexes
{
    private readonly List<ListedFingerprint> _entries;
    private readonly ExactIndex _sha256;
    private readonly TlshIndex _tlsh;
    private readonly SsdeepIndex _ssdeep;

    private KnownIndexes(List<ListedFingerprint> entries)
    {
        _entries = entries;
        _sha256 = ExactIndex.BuildSha256(entries.Select((e, i) => (Id(i), e.Sha256)));
        _tlsh = TlshIndex.Build(entries.Select((e, i) => (Id(i), e.Tlsh)));
        _ssdeep = SsdeepIndex.Build(entries.Select((e, i) => (Id(i), (SsdeepSignature?)e.Ssdeep)));
    }

    public static KnownIndexes Build(List<ListedFingerprint> entries) => new(entries);

    /// <summary>
    /// Exact matches only, for scans whose fuzzy hashes were skipped (inputs over ScanOptions.FuzzyHashMaxBytes).
    /// </summary>
    public IEnumerable<(ListedFingerprint Entry, string Reasons)> MatchSha256(string sha256) =>
        _sha256.Query(sha256).Select(hit => Index(hit.Id)).Distinct().Order().Select(i => (_entries[i], "sha256"));

    /// <summary>Matching entries in list order, with their reasons ("sha256", "tlsh=D", "ssdeep=S").</summary>
    public IEnumerable<(ListedFingerprint Entry, string Reasons)> Match(FileFingerprint fingerprint, int tlshThreshold, int ssdeepThreshold)
    {
        var reasons = new SortedDictionary<int, List<string>>();
        foreach (var hit in _sha256.Query(fingerprint.Sha256))
        {
            Reasons(reasons, hit.Id).Add("sha256");
        }

        if (fingerprint.Tlsh is { } digest)
        {
            foreach (var hit in _tlsh.Query(digest, tlshThreshold))
            {
                int distance = TlshDigest.Distance(digest, _entries[Index(hit.Id)].Tlsh!.Value);
                Reasons(reasons, hit.Id).Add($"tlsh={distance}");
            }
        }

        foreach (var hit in _ssdeep.Query(fingerprint.Ssdeep, ssdeepThreshold))
        {
            int score = SsdeepSignature.Compare(fingerprint.Ssdeep, _entries[Index(hit.Id)].Ssdeep);
            Reasons(reasons, hit.Id).Add($"ssdeep={score}");
        }

        foreach (var (index, list) in reasons)
        {
            yield return (_entries[index], string.Join(',', list));
        }
    }

    private static List<string> Reasons(SortedDictionary<int, List<string>> reasons, string id)
    {
        int index = Index(id);
        if (!reasons.TryGetValue(index, out var list))
        {
            list = [];
            reasons[index] = list;
        }

        return list;
    }

    private static string Id(int index) => index.ToString(CultureInfo.InvariantCulture);

    private static int Index(string id) => int.Parse(id, CultureInfo.InvariantCulture);
}
