using System.Globalization;

namespace AiCtiPortal.Domain.Exports.Taxii;

/// <summary>
/// TAXII timestamps. Dates added are shown to the microsecond (what PostgreSQL stores), so a client that passes a
/// date_added back as added_after gets exactly the objects added after it; versions are STIX "modified" values, to
/// the millisecond.
/// </summary>
public static class TaxiiTime
{
    public const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DateTime ToMicroseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), DateTimeKind.Utc);

    public static string FormatDateAdded(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An RFC 3339 timestamp in UTC ("Z" or an offset); null when it is not one.</summary>
    public static DateTime? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40 || !text.Contains('T', StringComparison.Ordinal))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal))
            ? value.UtcDateTime
            : null;
    }
}
