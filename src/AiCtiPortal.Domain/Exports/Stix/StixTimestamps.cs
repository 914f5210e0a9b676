using System.Globalization;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Domain.Exports.Stix;

/// <summary>STIX timestamps: RFC 3339 in UTC with a "Z", written with exactly millisecond precision.</summary>
public static partial class StixTimestamps
{
    public static string Format(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Truncates to what <see cref="Format"/> writes, so comparisons see the values a consumer sees.</summary>
    public static DateTime ToMilliseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    /// <summary>The body of a pattern's t'...' literal as the grammar's TimestampLiteral defines it.</summary>
    public static bool IsPatternTimestamp(string text) => PatternTimestamp().IsMatch(text);

    [GeneratedRegex(@"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?Z$")]
    private static partial Regex PatternTimestamp();
}
