using AiCtiPortal.Domain.Exports.Stix;

namespace AiCtiPortal.Domain.Exports.Taxii;

/// <summary>
/// One STIX object of a collection: its id, when it was added (the keyset order is DateAdded, then Id), its version
/// (the "modified" it is written with) and how to write it. The portal keeps only each object's current version.
/// </summary>
public sealed record TaxiiEntry(string Id, DateTime DateAdded, DateTime Version, Action<StixObjectWriter> Write)
{
    public string Type => Id[..Id.IndexOf("--", StringComparison.Ordinal)];

    /// <summary>The collection order: date added, then the id compared ordinally (which is also the databases' uuid order).</summary>
    public static int Compare(TaxiiEntry a, TaxiiEntry b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byDate = a.DateAdded.CompareTo(b.DateAdded);
        return byDate != 0 ? byDate : string.CompareOrdinal(a.Id, b.Id);
    }
}

/// <summary>A page of a collection: the entries in order, whether more follow, and the cursor that resumes after them.</summary>
public sealed record TaxiiPage(IReadOnlyList<TaxiiEntry> Entries, bool More, TaxiiCursor? Next);
