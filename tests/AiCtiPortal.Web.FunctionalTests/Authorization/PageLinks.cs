using System.Globalization;
using System.Text.RegularExpressions;

namespace AiCtiPortal.Web.FunctionalTests.Authorization;

/// <summary>Reads what a rendered page shows: the items it links to, and the dashboard's counters.</summary>
public static partial class PageLinks
{
    /// <summary>Ids of the links to <c>{area}/{guid}</c> (pages link relative to the base href, e.g. "reports/…").</summary>
    public static HashSet<Guid> IdsLinkedUnder(string html, string area) =>
        LinkedId().Matches(html)
            .Where(m => m.Groups["area"].Value == area)
            .Select(m => Guid.Parse(m.Groups["id"].Value))
            .ToHashSet();

    public static int Counter(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>([^<]*)<");
        if (!match.Success)
        {
            throw new InvalidOperationException($"The page has no counter data-testid=\"{testId}\".");
        }

        return int.Parse(match.Groups[1].Value.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("href=\"/?(?<area>reports|indicators|reviews)/(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\"")]
    private static partial Regex LinkedId();
}
