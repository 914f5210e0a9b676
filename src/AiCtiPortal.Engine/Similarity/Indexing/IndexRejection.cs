namespace AiCtiPortal.Engine.Similarity.Indexing;

/// <summary>An input record an index skipped, with the reason, so bad rows can be fixed at the source.</summary>
/// <param name="Position">Zero-based position of the record in the input stream.</param>
/// <param name="Id">Identifier of the record when it had one.</param>
/// <param name="Reason">Why the record was skipped.</param>
public sealed record IndexRejection(long Position, string? Id, string Reason);

/// <summary>
/// Collects rejected records while an index is built. Only the first <see cref="MaxSamples"/> are kept so a
/// stream of millions of bad rows cannot exhaust memory; <see cref="Count"/> still counts all of them, and the
/// optional callback sees every one.
/// </summary>
public sealed class RejectionLog
{
    /// <summary>Number of rejections kept in <see cref="Samples"/>.</summary>
    public const int MaxSamples = 100;

    private readonly List<IndexRejection> samples = [];
    private readonly Action<IndexRejection>? callback;

    public RejectionLog(Action<IndexRejection>? callback = null) => this.callback = callback;

    /// <summary>Total number of rejected records.</summary>
    public long Count { get; private set; }

    /// <summary>The first rejected records, at most <see cref="MaxSamples"/>.</summary>
    public IReadOnlyList<IndexRejection> Samples => samples;

    internal void Reject(long position, string? id, string reason)
    {
        var rejection = new IndexRejection(position, id, reason);
        Count++;
        if (samples.Count < MaxSamples)
        {
            samples.Add(rejection);
        }

        callback?.Invoke(rejection);
    }
}
