namespace AiCtiPortal.Engine.Similarity.Indexing;

/// <summary>
/// Exact-key lookup (SHA-256 or any other key that only matches when identical), built from a stream of
/// (id, key) records. Keys are normalised (trimmed, lower-cased by default) so hex case does not matter.
/// </summary>
public sealed class ExactIndex
{
    private readonly Dictionary<string, List<string>> idsByKey;
    private readonly Func<string, string> normalize;

    private ExactIndex(Dictionary<string, List<string>> idsByKey, Func<string, string> normalize, string keyName, long count, RejectionLog rejections)
    {
        this.idsByKey = idsByKey;
        this.normalize = normalize;
        KeyName = keyName;
        Count = count;
        Rejections = rejections;
    }

    /// <summary>Name of the key in explanations, e.g. "SHA-256".</summary>
    public string KeyName { get; }

    /// <summary>Number of distinct (key, id) pairs indexed.</summary>
    public long Count { get; }

    /// <summary>Number of distinct keys.</summary>
    public int KeyCount => idsByKey.Count;

    /// <summary>Records skipped while building.</summary>
    public RejectionLog Rejections { get; }

    /// <summary>Default normalisation: trim and lower-case (invariant), suited to hex digests.</summary>
    public static string DefaultNormalize(string key) => key.Trim().ToLowerInvariant();

    /// <summary>Builds an index of SHA-256 digests: keys must be 64 hex digits, anything else is rejected.</summary>
    public static ExactIndex BuildSha256(IEnumerable<(string Id, string Sha256)> records, Action<IndexRejection>? onRejected = null) =>
        Build(records, "SHA-256", DefaultNormalize, IsSha256Hex, onRejected);

    /// <summary>
    /// Builds an index. Records with an empty id or key, or a key <paramref name="validate"/> refuses (after
    /// normalisation), are skipped and reported. Duplicate (key, id) pairs are stored once.
    /// </summary>
    public static ExactIndex Build(
        IEnumerable<(string Id, string Key)> records,
        string keyName = "key",
        Func<string, string>? normalize = null,
        Func<string, bool>? validate = null,
        Action<IndexRejection>? onRejected = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        normalize ??= DefaultNormalize;
        var rejections = new RejectionLog(onRejected);
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        long position = -1;
        long count = 0;
        foreach (var (id, key) in records)
        {
            position++;
            if (string.IsNullOrEmpty(id))
            {
                rejections.Reject(position, id, "empty id");
                continue;
            }

            var normalized = string.IsNullOrWhiteSpace(key) ? string.Empty : normalize(key);
            if (normalized.Length == 0)
            {
                rejections.Reject(position, id, "empty key");
                continue;
            }

            if (validate is not null && !validate(normalized))
            {
                rejections.Reject(position, id, $"malformed {keyName}");
                continue;
            }

            if (!map.TryGetValue(normalized, out var ids))
            {
                ids = new List<string>(1);
                map[normalized] = ids;
            }

            // Lists stay tiny (one id per key in practice), so a linear duplicate check is cheaper than a set.
            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
                count++;
            }
        }

        return new ExactIndex(map, normalize, keyName, count, rejections);
    }

    /// <summary>Ids whose key equals <paramref name="key"/> after normalisation; empty for a blank key.</summary>
    public IReadOnlyList<SimilarityMatch> Query(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || !idsByKey.TryGetValue(normalize(key), out var ids))
        {
            return [];
        }

        var explanation = $"identical {KeyName}";
        return ids.Select(id => new SimilarityMatch(id, SimilarityKind.Exact, 1, explanation)).ToList();
    }

    /// <summary>True for exactly 64 lower-case hex digits (the normalised form of a SHA-256).</summary>
    public static bool IsSha256Hex(string key) =>
        key.Length == 64 && key.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
