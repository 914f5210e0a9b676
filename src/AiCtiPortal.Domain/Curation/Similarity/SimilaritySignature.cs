namespace AiCtiPortal.Domain.Curation.Similarity;

/// <summary>
/// The MinHash signature of one published item's set, computed once when the item is indexed instead of at every
/// check (the expensive part at 1,000,000 indicators: shingling and hashing every text). <see cref="Source"/> says
/// which state of the item it was computed from (the report's version, or the indicator's ValueHash), so an item
/// that changed since is indexed again. Its band keys are rows of <see cref="SimilarityBand"/>.
/// </summary>
public class SimilaritySignature
{
    public SimilaritySetKind Kind { get; set; }

    public Guid ItemId { get; set; }

    /// <summary>"v{Version}" for reports, the ValueHash for prompt indicators.</summary>
    public string Source { get; set; } = "";

    /// <summary>The signature's slots, 8 bytes each, little-endian.</summary>
    public byte[] Values { get; set; } = [];

    /// <summary>Elements of the set (shingles, imports) the signature summarises.</summary>
    public int ElementCount { get; set; }

    public DateTime IndexedAt { get; set; }

    public const int MaxSourceLength = 64;
}

/// <summary>
/// One LSH band key of a stored signature: a check looks its own band keys up here (an indexed IN query) to find the
/// few items worth comparing, so no process has to hold the whole catalogue's signatures in memory. The set kind and
/// the band number are mixed into the key, so one table serves every kind.
/// </summary>
public class SimilarityBand
{
    public long BandKey { get; set; }

    public Guid ItemId { get; set; }
}

/// <summary>
/// The catalogue revision the stored signatures were last brought up to date with (one row), so a freshly started
/// instance knows at once whether anything was published since, instead of probing every published item.
/// </summary>
public class SimilarityIndexState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Revision { get; set; }

    /// <summary>When the catch-up that reached <see cref="Revision"/> started; the next looks at items updated since.</summary>
    public DateTime UpdatedAt { get; set; }
}
