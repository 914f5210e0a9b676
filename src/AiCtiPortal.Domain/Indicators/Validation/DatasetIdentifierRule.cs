using System.Text.RegularExpressions;

namespace AiCtiPortal.Domain.Indicators.Validation;

/// <summary>A dataset on a hub (hub/owner/name[@revision]) or by DOI (10.prefix/suffix, lowercased: DOIs ignore case).</summary>
internal sealed partial class DatasetIdentifierRule : IIndicatorRule
{
    private static readonly string[] DoiPrefixes =
        ["doi:", "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/"];

    public string? Normalize(string value, IndicatorCheck check)
    {
        foreach (var prefix in DoiPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                value = value[prefix.Length..].Trim();
                if (prefix.StartsWith("http", StringComparison.Ordinal))
                {
                    value = Uri.UnescapeDataString(value);
                }

                check.Note($"Removed the '{prefix}' prefix; DOIs are stored bare.");
                return NormalizeDoi(value, check);
            }
        }

        return value.StartsWith("10.", StringComparison.Ordinal)
            ? NormalizeDoi(value, check)
            : HubReference.Normalize(value, dataset: true, check);
    }

    private static string? NormalizeDoi(string doi, IndicatorCheck check)
    {
        if (!Doi().IsMatch(doi))
        {
            return check.Fail("A DOI is 10.<registrant>/<suffix>, for example 10.5281/zenodo.1234567, with no spaces.");
        }

        return doi.ToLowerInvariant();
    }

    [GeneratedRegex(@"^10\.\d{4,9}(?:\.\d+)*/\S+$")]
    private static partial Regex Doi();
}
