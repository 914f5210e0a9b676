using System.Security.Claims;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Exports.Taxii;
using AiCtiPortal.Web.Security.ApiTokens;

namespace AiCtiPortal.Web.Taxii;

/// <summary>Discovery, the API root and the collections resources.</summary>
internal static class TaxiiRootEndpoints
{
    /// <summary>Largest request body the API root would take; the server is read-only, so only its own refusals are posted.</summary>
    public const int MaxContentLength = 1024 * 1024;

    public static IResult Discovery(HttpRequest request) => new TaxiiJsonResult(StatusCodes.Status200OK, json =>
    {
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}{TaxiiEndpoints.ApiRoot}";
        json.WriteStartObject();
        json.WriteString("title", "AiCtiPortal TAXII server");
        json.WriteString("description", "Curated sets of community-curated threat intelligence on attacks against AI systems.");
        json.WriteString("default", root);
        json.WriteStartArray("api_roots");
        json.WriteStringValue(root);
        json.WriteEndArray();
        json.WriteEndObject();
    });

    public static IResult ApiRoot() => new TaxiiJsonResult(StatusCodes.Status200OK, json =>
    {
        json.WriteStartObject();
        json.WriteString("title", "AiCtiPortal curated sets");
        json.WriteString("description", "One collection per curated set this token may read, capped at its TLP clearance.");
        json.WriteStartArray("versions");
        json.WriteStringValue(TaxiiMediaTypes.Taxii);
        json.WriteEndArray();
        json.WriteNumber("max_content_length", MaxContentLength);
        json.WriteEndObject();
    });

    public static async Task<IResult> CollectionsAsync(ClaimsPrincipal user, TaxiiCollections collections, CancellationToken ct)
    {
        var list = await collections.ListAsync(ReaderOf(user), ct);
        return new TaxiiJsonResult(StatusCodes.Status200OK, json =>
        {
            json.WriteStartObject();
            // An API root without collections answers an empty resource: the key is left out, not written empty.
            if (list.Count > 0)
            {
                json.WriteStartArray("collections");
                foreach (var collection in list)
                {
                    WriteCollection(json, collection);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        });
    }

    public static async Task<IResult> CollectionAsync(string collectionId, ClaimsPrincipal user, TaxiiCollections collections, CancellationToken ct)
    {
        if (!Guid.TryParse(collectionId, out var id) || await collections.FindAsync(ReaderOf(user), id, ct) is not { } collection)
        {
            return TaxiiErrors.CollectionNotFound();
        }

        return new TaxiiJsonResult(StatusCodes.Status200OK, json => WriteCollection(json, collection));
    }

    /// <summary>The token's reader: its user or organisation, at the clearance the token resolved to.</summary>
    public static CuratedSetConsumer ReaderOf(ClaimsPrincipal user)
    {
        var caller = ApiCaller.From(user) ?? throw new InvalidOperationException("TAXII endpoints run only for API token callers.");
        return caller.Consumer;
    }

    private static void WriteCollection(System.Text.Json.Utf8JsonWriter json, TaxiiCollection collection)
    {
        json.WriteStartObject();
        json.WriteString("id", collection.Id.ToString("D"));
        json.WriteString("title", collection.Title);
        if (!string.IsNullOrWhiteSpace(collection.Description))
        {
            json.WriteString("description", collection.Description);
        }

        json.WriteBoolean("can_read", true);
        json.WriteBoolean("can_write", false);
        json.WriteStartArray("media_types");
        json.WriteStringValue(TaxiiMediaTypes.Stix);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
