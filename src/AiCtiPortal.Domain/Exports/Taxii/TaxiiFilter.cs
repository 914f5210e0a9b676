namespace AiCtiPortal.Domain.Exports.Taxii;

/// <summary>
/// What a TAXII request asks of a collection, already validated: added_after (strictly after, at the microsecond
/// precision dates are shown with), a page size, the cursor to resume after, and the match[...] filters (null means
/// no filter on that field).
/// </summary>
public sealed record TaxiiFilter(
    DateTime? AddedAfter,
    int Limit,
    TaxiiCursor? After,
    IReadOnlySet<string>? Ids,
    IReadOnlySet<string>? Types,
    TaxiiVersionMatch Versions,
    IReadOnlySet<string>? SpecVersions)
{
    public const int MaxLimit = 1000;

    public static TaxiiFilter Everything { get; } = new(null, MaxLimit, null, null, null, TaxiiVersionMatch.Last, null);

    /// <summary>The first date added that qualifies: one microsecond after added_after, as shown to the client.</summary>
    public DateTime? AddedFrom => AddedAfter is { } after ? TaxiiTime.ToMicroseconds(after).AddTicks(TaxiiTime.TicksPerMicrosecond) : null;

    /// <summary>The collection holds STIX 2.1 only.</summary>
    public bool MatchesSpecVersion => SpecVersions is null || SpecVersions.Contains("2.1");

    public bool Wants(string type) => Types is null || Types.Contains(type);

    /// <summary>The uuids of the requested ids of one type; null when ids are not filtered.</summary>
    public IReadOnlyList<Guid>? UuidsOf(string type) =>
        Ids?.Select(id => TaxiiStixIds.TryParse(id, out var t, out var uuid) && t == type ? uuid : (Guid?)null)
            .OfType<Guid>()
            .ToList();

    public bool Matches(TaxiiEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Wants(entry.Type)
            && (Ids is null || Ids.Contains(entry.Id))
            && (AddedFrom is not { } from || entry.DateAdded >= from)
            && Versions.Matches(entry.Version)
            && (After is null || Compare(entry, After) > 0);
    }

    private static int Compare(TaxiiEntry entry, TaxiiCursor cursor)
    {
        var byDate = entry.DateAdded.CompareTo(cursor.DateAdded);
        return byDate != 0 ? byDate : string.CompareOrdinal(entry.Id, cursor.Id);
    }
}

/// <summary>
/// match[version]: "last", "first", "all" or timestamps, any mix. The portal keeps one version per object, which is at
/// once its first, its last and all of them; a timestamp matches the object whose version it is.
/// </summary>
public sealed record TaxiiVersionMatch(bool AnyKeyword, IReadOnlyList<DateTime> Timestamps)
{
    public static TaxiiVersionMatch Last { get; } = new(true, []);

    public bool Matches(DateTime version) => AnyKeyword || Timestamps.Contains(version);
}
