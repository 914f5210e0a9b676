using System.Globalization;
using AiCtiPortal.Domain.Exports.Taxii;

namespace AiCtiPortal.Web.Taxii;

/// <summary>
/// Reads the TAXII filter parameters (added_after, limit, next, match[id|type|version|spec_version]) into a
/// <see cref="TaxiiFilter"/>, or says what is wrong with them: malformed filters are a client error (400), never
/// silently ignored, so a typo cannot turn an incremental poll into a full download.
/// </summary>
internal static class TaxiiQueryParser
{
    /// <summary>Used when the client names no limit: a full page.</summary>
    public const int DefaultLimit = TaxiiFilter.MaxLimit;

    private static readonly HashSet<string> Known = ["added_after", "limit", "next", "match[id]", "match[type]", "match[version]", "match[spec_version]"];

    /// <param name="allowed">The parameters this endpoint takes; any other TAXII parameter is refused.</param>
    public static (TaxiiFilter? Filter, string? Error) Parse(IQueryCollection query, IReadOnlySet<string> allowed)
    {
        foreach (var key in query.Keys)
        {
            if ((Known.Contains(key) || key.StartsWith("match[", StringComparison.Ordinal)) && !allowed.Contains(key))
            {
                return (null, $"This endpoint does not support the filter '{key}'.");
            }
        }

        DateTime? addedAfter = null;
        if (Single(query, "added_after") is { } addedText)
        {
            addedAfter = TaxiiTime.TryParse(addedText);
            if (addedAfter is null)
            {
                return (null, $"added_after '{addedText}' is not an RFC 3339 timestamp in UTC, such as 2026-11-23T08:00:00.000000Z.");
            }
        }

        var limit = DefaultLimit;
        if (Single(query, "limit") is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                return (null, $"limit '{limitText}' is not a positive whole number.");
            }

            limit = Math.Min(limit, TaxiiFilter.MaxLimit);
        }

        TaxiiCursor? after = null;
        if (Single(query, "next") is { } nextText)
        {
            after = TaxiiCursor.TryDecode(nextText);
            if (after is null)
            {
                return (null, "next is not a value this server returned; pass the \"next\" of the previous page unchanged.");
            }
        }

        var ids = List(query, "match[id]");
        if (ids?.FirstOrDefault(id => !TaxiiStixIds.TryParse(id, out _, out _)) is { } badId)
        {
            return (null, $"match[id] '{badId}' is not a STIX identifier (type--uuid).");
        }

        var types = List(query, "match[type]");
        if (types?.FirstOrDefault(t => t.Length == 0 || t.Length > 250 || !t.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')) is { } badType)
        {
            return (null, $"match[type] '{badType}' is not a STIX object type.");
        }

        var versions = TaxiiVersionMatch.Last;
        if (List(query, "match[version]") is { } versionTexts)
        {
            var keyword = false;
            var timestamps = new List<DateTime>();
            foreach (var text in versionTexts)
            {
                if (text is "last" or "first" or "all")
                {
                    keyword = true;
                }
                else if (TaxiiTime.TryParse(text) is { } timestamp)
                {
                    timestamps.Add(timestamp);
                }
                else
                {
                    return (null, $"match[version] '{text}' is not last, first, all or a timestamp.");
                }
            }

            versions = new TaxiiVersionMatch(keyword, timestamps);
        }

        var specVersions = List(query, "match[spec_version]");
        if (specVersions?.FirstOrDefault(v => !IsSpecVersion(v)) is { } badSpec)
        {
            return (null, $"match[spec_version] '{badSpec}' is not a STIX specification version such as 2.1.");
        }

        return (new TaxiiFilter(addedAfter, limit, after, ids, types, versions, specVersions), null);
    }

    private static string? Single(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) ? values.ToString() : null;

    /// <summary>A comma-separated match value (or the parameter repeated), as a set.</summary>
    private static HashSet<string>? List(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values)
            ? values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal)
            : null;

    private static bool IsSpecVersion(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < text.Length - 1 && text.Length <= 10 && text.Remove(dot, 1).All(char.IsAsciiDigit);
    }
}
