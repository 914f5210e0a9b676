using System.Globalization;

namespace AiCtiPortal.Domain.Exports.Misp;

/// <summary>Times as MISP writes them: timestamps as unix seconds in a string, dates as yyyy-mm-dd, first/last seen in ISO 8601 with microseconds.</summary>
public static class MispTime
{
    public static long UnixSeconds(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    public static string Timestamp(DateTime utc) => UnixSeconds(utc).ToString(CultureInfo.InvariantCulture);

    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Seen(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
}
