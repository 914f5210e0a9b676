using System.Security.Claims;
using System.Text.Json;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Exports.Stix;
using AiCtiPortal.Domain.Exports.Taxii;

namespace AiCtiPortal.Web.Taxii;

/// <summary>
/// A collection's objects, one object, its versions and the manifest. Each first resolves the collection for the
/// caller (404 when it may not be read: TLP and set membership are decided there, once, for every endpoint), then
/// validates the filters (400), then reads one page in a fixed number of queries.
/// </summary>
internal static class TaxiiObjectEndpoints
{
    public const string DateAddedFirst = "X-TAXII-Date-Added-First";
    public const string DateAddedLast = "X-TAXII-Date-Added-Last";

    private static readonly HashSet<string> ObjectsFilters =
        ["added_after", "limit", "next", "match[id]", "match[type]", "match[version]", "match[spec_version]"];

    private static readonly HashSet<string> ObjectFilters = ["added_after", "limit", "next", "match[version]", "match[spec_version]"];

    private static readonly HashSet<string> VersionsFilters = ["added_after", "limit", "next", "match[spec_version]"];

    public static Task<IResult> ObjectsAsync(string collectionId, HttpRequest request, ClaimsPrincipal user, TaxiiCollections collections, TaxiiObjectSource source, CancellationToken ct) =>
        PageAsync(collectionId, null, request, user, collections, source, ObjectsFilters, f => f, WriteObjects, ct);

    public static Task<IResult> ManifestAsync(string collectionId, HttpRequest request, ClaimsPrincipal user, TaxiiCollections collections, TaxiiObjectSource source, CancellationToken ct) =>
        PageAsync(collectionId, null, request, user, collections, source, ObjectsFilters, f => f, WriteManifest, ct);

    public static Task<IResult> ObjectAsync(string collectionId, string objectId, HttpRequest request, ClaimsPrincipal user, TaxiiCollections collections, TaxiiObjectSource source, CancellationToken ct) =>
        PageAsync(collectionId, objectId, request, user, collections, source, ObjectFilters, f => f, WriteObjects, ct);

    /// <summary>Every version of the object (the portal keeps one: the current), whatever match[version] would say.</summary>
    public static Task<IResult> VersionsAsync(string collectionId, string objectId, HttpRequest request, ClaimsPrincipal user, TaxiiCollections collections, TaxiiObjectSource source, CancellationToken ct) =>
        PageAsync(collectionId, objectId, request, user, collections, source, VersionsFilters,
            f => f with { Versions = new TaxiiVersionMatch(true, []) }, WriteVersions, ct);

    /// <summary>
    /// The collection is read-only: a reader who may see it is told so (403, after the body's media type was checked);
    /// anyone else gets the same 404 as for a collection that does not exist.
    /// </summary>
    public static async Task<IResult> AddObjectsAsync(string collectionId, HttpRequest request, ClaimsPrincipal user, TaxiiCollections collections, CancellationToken ct)
    {
        if (!Guid.TryParse(collectionId, out var id) || await collections.FindAsync(TaxiiRootEndpoints.ReaderOf(user), id, ct) is null)
        {
            return TaxiiErrors.CollectionNotFound();
        }

        if (request.ContentLength > TaxiiRootEndpoints.MaxContentLength)
        {
            return TaxiiErrors.Error(StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"This API root takes at most {TaxiiRootEndpoints.MaxContentLength} bytes (max_content_length).");
        }

        return TaxiiErrors.Error(StatusCodes.Status403Forbidden, "Collection is read-only",
            "Curated sets are published by the portal's curators; this collection cannot be written to (can_write is false).");
    }

    private static async Task<IResult> PageAsync(
        string collectionId, string? objectId, HttpRequest request, ClaimsPrincipal user, TaxiiCollections collections,
        TaxiiObjectSource source, IReadOnlySet<string> allowed, Func<TaxiiFilter, TaxiiFilter> adjust,
        Action<Utf8JsonWriter, TaxiiPage> write, CancellationToken ct)
    {
        if (!Guid.TryParse(collectionId, out var setId)
            || await collections.ScopeAsync(TaxiiRootEndpoints.ReaderOf(user), setId, ct) is not CuratedSetScope scope)
        {
            return TaxiiErrors.CollectionNotFound();
        }

        var (parsed, error) = TaxiiQueryParser.Parse(request.Query, allowed);
        if (parsed is null)
        {
            return TaxiiErrors.BadRequest(error ?? "The filters are not valid.");
        }

        var filter = adjust(parsed);
        if (objectId is not null)
        {
            if (!TaxiiStixIds.TryParse(objectId, out _, out _))
            {
                return TaxiiErrors.ObjectNotFound();
            }

            filter = filter with { Ids = new HashSet<string>(StringComparer.Ordinal) { objectId } };
        }

        var page = await source.PageAsync(scope, filter, ct);
        if (objectId is not null && page.Entries.Count == 0 && filter.After is null)
        {
            return TaxiiErrors.ObjectNotFound();
        }

        var headers = new Dictionary<string, string>();
        if (page.Entries.Count > 0)
        {
            headers[DateAddedFirst] = TaxiiTime.FormatDateAdded(page.Entries[0].DateAdded);
            headers[DateAddedLast] = TaxiiTime.FormatDateAdded(page.Entries[^1].DateAdded);
        }

        return new TaxiiJsonResult(StatusCodes.Status200OK, json => write(json, page), headers);
    }

    /// <summary>The envelope: more, next when there is more, and the objects (left out when there are none).</summary>
    private static void WriteObjects(Utf8JsonWriter json, TaxiiPage page) => WriteEnvelope(json, page, "objects", entries =>
    {
        var objects = new StixObjectWriter(json);
        foreach (var entry in entries)
        {
            entry.Write(objects);
        }
    });

    private static void WriteManifest(Utf8JsonWriter json, TaxiiPage page) => WriteEnvelope(json, page, "objects", entries =>
    {
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            json.WriteString("id", entry.Id);
            json.WriteString("date_added", TaxiiTime.FormatDateAdded(entry.DateAdded));
            json.WriteString("version", StixTimestamps.Format(entry.Version));
            json.WriteString("media_type", TaxiiMediaTypes.Stix);
            json.WriteEndObject();
        }
    });

    private static void WriteVersions(Utf8JsonWriter json, TaxiiPage page) => WriteEnvelope(json, page, "versions", entries =>
    {
        foreach (var entry in entries)
        {
            json.WriteStringValue(StixTimestamps.Format(entry.Version));
        }
    });

    private static void WriteEnvelope(Utf8JsonWriter json, TaxiiPage page, string listName, Action<IReadOnlyList<TaxiiEntry>> writeItems)
    {
        json.WriteStartObject();
        json.WriteBoolean("more", page.More);
        if (page.Next is { } next)
        {
            json.WriteString("next", next.Encode());
        }

        if (page.Entries.Count > 0)
        {
            json.WriteStartArray(listName);
            writeItems(page.Entries);
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
