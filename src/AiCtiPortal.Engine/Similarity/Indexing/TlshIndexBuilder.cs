namespace AiCtiPortal.Engine.Similarity.Indexing;

/// <summary>
/// Accumulates (id, TLSH digest) records, e.g. streamed from the database, then builds a <see cref="TlshIndex"/>.
/// Records are packed as they arrive (36 bytes plus the UTF-8 id), so memory stays proportional to the data.
/// </summary>
public sealed class TlshIndexBuilder
{
    private readonly CompactStringStore ids = new();
    private readonly RejectionLog rejections;
    private byte[] records;
    private long position = -1;
    private bool built;

    /// <param name="expectedCount">Capacity hint; avoids regrowing the record array when the count is known.</param>
    /// <param name="onRejected">Called for every skipped record.</param>
    public TlshIndexBuilder(int expectedCount = 1024, Action<IndexRejection>? onRejected = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
        records = new byte[Math.Max(expectedCount, 16) * TlshDistanceKernel.RecordSize];
        rejections = new RejectionLog(onRejected);
    }

    /// <summary>Number of records accepted so far.</summary>
    public int Count => ids.Count;

    /// <summary>Records skipped so far.</summary>
    public RejectionLog Rejections => rejections;

    /// <summary>Adds a digest; a null digest (input too short or too uniform for TLSH) is rejected and reported.</summary>
    public bool Add(string? id, TlshDigest? digest)
    {
        ObjectDisposedException.ThrowIf(built, this);
        position++;
        if (string.IsNullOrEmpty(id))
        {
            rejections.Reject(position, id, "empty id");
            return false;
        }

        if (digest is not { } value)
        {
            rejections.Reject(position, id, "no TLSH digest (input too short or too uniform)");
            return false;
        }

        Append(id, value);
        return true;
    }

    /// <summary>Adds a digest in text form ("T1" + 70 hex digits, or the 70 digits alone); malformed text is rejected.</summary>
    public bool Add(string? id, string? digestText)
    {
        ObjectDisposedException.ThrowIf(built, this);
        if (TlshDigest.TryParse(digestText?.Trim(), out var parsed))
        {
            return Add(id, (TlshDigest?)parsed);
        }

        position++;
        var reason = string.IsNullOrEmpty(id) ? "empty id"
            : string.IsNullOrWhiteSpace(digestText) ? "missing TLSH digest"
            : "malformed TLSH digest";
        rejections.Reject(position, id, reason);
        return false;
    }

    /// <summary>Builds the index over the records added so far. The builder hands its arrays over and cannot be used again.</summary>
    public TlshIndex Build(TlshIndexOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(built, this);
        options ??= TlshIndexOptions.Default;
        options.Validate();
        built = true;
        var count = ids.Count;
        Array.Resize(ref records, count * TlshDistanceKernel.RecordSize);
        ids.Trim();
        var random = new Random(options.Seed);
        var rowScratch = new int[count];
        var tables = new TlshLshTable[options.Tables];
        for (var t = 0; t < tables.Length; t++)
        {
            tables[t] = TlshLshTable.Build(records, count, options.KeyBits, random, rowScratch);
        }

        return new TlshIndex(records, ids, tables, options, rejections);
    }

    private void Append(string id, in TlshDigest digest)
    {
        var offset = ids.Count * TlshDistanceKernel.RecordSize;
        if (offset + TlshDistanceKernel.RecordSize > records.Length)
        {
            Array.Resize(ref records, records.Length * 2);
        }

        TlshDistanceKernel.Pack(digest, records.AsSpan(offset, TlshDistanceKernel.RecordSize));
        ids.Add(id);
    }
}
