using Microsoft.OpenApi;

namespace AiCtiPortal.Web.Api;

/// <summary>What each query and route parameter means, for the OpenAPI document (the handlers take them as strings).</summary>
internal static class ApiParameterDescriptions
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["id"] = "The item's id (a UUID).",
        ["q"] = "Free text: words in titles and summaries and the values of indicators (indicators: the value or a hash prefix).",
        ["phase"] = "Supply-chain phases, comma-separated: Data, Training, ModelArtifact, Dependencies, Deployment, Inference.",
        ["technique"] = "MITRE ATLAS technique ids, comma-separated (AML.T0010).",
        ["type"] = "Indicator type names, comma-separated for searches (Url, Domain, ModelFileSha256, ...); one type for lookups.",
        ["tlp"] = "TLP markings, comma-separated: Clear, Green, Amber, AmberStrict, Red. Levels above the token's clearance match nothing.",
        ["conf"] = "Confidence range min-max within 0-100 (75-100).",
        ["published"] = "Published within the last N days (7d, 30d, 365d).",
        ["score"] = "Minimum review score, 1 to 5.",
        ["sort"] = "Order: reports newest, oldest, score, confidence, title; indicators newest, oldest, confidence, value.",
        ["page"] = "Page number from 1. Paging stops at 10,000 results.",
        ["pageSize"] = "Items per page: default 20 (reports, exports) or 25 (indicators), at most 100 (larger values are capped).",
        ["value"] = "The value to look up, as seen; it is normalised like submissions before matching.",
        ["setId"] = "The curated set's id (a UUID), as GET /api/v1/sets lists it.",
        ["runId"] = "The export's id (a UUID).",
        ["file"] = "manifest.json or a file name the export's manifest lists.",
        ["format"] = "Export format: StixBundle, MispEvents, Csv or JsonLines.",
        ["kind"] = "Full or Incremental (since the set's previous export).",
        ["status"] = "Export status: Queued, Running, Succeeded or Failed.",
        ["downloadable"] = "true for succeeded exports whose files are still kept.",
    };

    public static void Apply(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (string.IsNullOrEmpty(parameter.Description) && parameter.Name is { } name && Texts.TryGetValue(name, out var text))
            {
                parameter.Description = text;
            }
        }
    }
}
