using Microsoft.Net.Http.Headers;

namespace AiCtiPortal.Web.Taxii;

/// <summary>The media types of TAXII 2.1 and how requests are checked against them.</summary>
public static class TaxiiMediaTypes
{
    public const string Taxii = "application/taxii+json;version=2.1";

    public const string Stix = "application/stix+json;version=2.1";

    private const string TaxiiType = "application/taxii+json";

    /// <summary>
    /// True when the Accept header allows the TAXII 2.1 type: that type (without a version it means the latest, 2.1),
    /// application/* or */*, with a non-zero quality. A request with no Accept header takes what it is given.
    /// </summary>
    public static bool Accepts(IList<string>? accept)
    {
        if (accept is null || accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var values))
        {
            return false;
        }

        return values.Any(v => v.Quality is not 0 && (v.MatchesAllTypes || (v.MatchesAllSubTypes && v.Type.Equals("application", StringComparison.OrdinalIgnoreCase)) || IsTaxii21(v)));
    }

    /// <summary>A request body's Content-Type must be TAXII 2.1 (a GET carries none).</summary>
    public static bool IsTaxiiContent(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var value) && IsTaxii21(value);

    private static bool IsTaxii21(MediaTypeHeaderValue value)
    {
        if (!value.MediaType.Equals(TaxiiType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var version = value.Parameters.FirstOrDefault(p => p.Name.Equals("version", StringComparison.OrdinalIgnoreCase));
        return version is null || version.Value.Equals("2.1", StringComparison.Ordinal);
    }
}
