using System.Text;

namespace AiCtiPortal.Engine.Similarity.Indexing;

/// <summary>
/// Append-only list of strings kept as one UTF-8 blob plus offsets. A million sample ids cost ~20 MB this way
/// instead of ~60 MB as separate string objects, which matters for the 1M-digest TLSH index memory budget.
/// </summary>
internal sealed class CompactStringStore
{
    private byte[] blob = new byte[1024];
    private int[] offsets = new int[65];
    private int used;

    public int Count { get; private set; }

    public void Add(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (used + bytes > blob.Length)
        {
            Array.Resize(ref blob, Math.Max(blob.Length * 2, used + bytes));
        }

        if (Count + 2 > offsets.Length)
        {
            Array.Resize(ref offsets, offsets.Length * 2);
        }

        used += Encoding.UTF8.GetBytes(value, blob.AsSpan(used));
        Count++;
        offsets[Count] = used;
    }

    public string this[int index] => Encoding.UTF8.GetString(blob, offsets[index], offsets[index + 1] - offsets[index]);

    /// <summary>Releases the slack left by doubling once no more strings will be added.</summary>
    public void Trim()
    {
        Array.Resize(ref blob, used);
        Array.Resize(ref offsets, Count + 1);
    }

    public long MemoryBytes => blob.LongLength + (offsets.LongLength * sizeof(int));
}
