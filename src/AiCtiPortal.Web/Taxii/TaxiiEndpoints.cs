using AiCtiPortal.Web.Security.ApiTokens;
using Microsoft.AspNetCore.Http.Metadata;

namespace AiCtiPortal.Web.Taxii;

/// <summary>
/// The TAXII 2.1 server: discovery at /taxii2/, one API root at /taxii2/api/ whose collections are the curated sets
/// the caller may read. Read-only (can_write is false). Every endpoint needs an API token with the DownloadExports
/// scope, counts against the token's rate limit, and answers in the TAXII media type, errors included.
/// </summary>
public static class TaxiiEndpoints
{
    public const string Discovery = "/taxii2/";
    public const string ApiRoot = "/taxii2/api/";

    public static IEndpointRouteBuilder MapTaxii(this IEndpointRouteBuilder endpoints)
    {
        var taxii = endpoints.MapGroup("/taxii2")
            .RequireAuthorization(TaxiiServiceCollectionExtensions.Policy)
            .RequireRateLimiting(ApiTokenDefaults.RateLimitPolicy)
            .WithMetadata(new SkipStatusCodePages())
            .AddEndpointFilter(CheckMediaTypesAsync)
            .ExcludeFromDescription();

        taxii.MapGet("/", TaxiiRootEndpoints.Discovery).WithName("TaxiiDiscovery");
        taxii.MapGet("/api/", TaxiiRootEndpoints.ApiRoot).WithName("TaxiiApiRoot");
        taxii.MapGet("/api/collections/", TaxiiRootEndpoints.CollectionsAsync).WithName("TaxiiCollections");
        taxii.MapGet("/api/collections/{collectionId}/", TaxiiRootEndpoints.CollectionAsync).WithName("TaxiiCollection");
        taxii.MapGet("/api/collections/{collectionId}/objects/", TaxiiObjectEndpoints.ObjectsAsync).WithName("TaxiiObjects");
        taxii.MapPost("/api/collections/{collectionId}/objects/", TaxiiObjectEndpoints.AddObjectsAsync).WithName("TaxiiAddObjects");
        taxii.MapGet("/api/collections/{collectionId}/objects/{objectId}/", TaxiiObjectEndpoints.ObjectAsync).WithName("TaxiiObject");
        taxii.MapGet("/api/collections/{collectionId}/objects/{objectId}/versions/", TaxiiObjectEndpoints.VersionsAsync).WithName("TaxiiObjectVersions");
        taxii.MapGet("/api/collections/{collectionId}/manifest/", TaxiiObjectEndpoints.ManifestAsync).WithName("TaxiiManifest");
        return endpoints;
    }

    /// <summary>
    /// 406 unless the client accepts TAXII 2.1; 415 when a request carries a body (or names a type for one) that is
    /// not TAXII 2.1. Both before any database work.
    /// </summary>
    private static async ValueTask<object?> CheckMediaTypesAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!TaxiiMediaTypes.Accepts(request.Headers.Accept))
        {
            return TaxiiErrors.Error(StatusCodes.Status406NotAcceptable, "Not acceptable",
                $"This server answers in {TaxiiMediaTypes.Taxii}; the Accept header does not allow it.");
        }

        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if ((hasBody || !string.IsNullOrEmpty(request.ContentType)) && !TaxiiMediaTypes.IsTaxiiContent(request.ContentType))
        {
            return TaxiiErrors.Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Request bodies must be {TaxiiMediaTypes.Taxii}.");
        }

        return await next(context);
    }

    private sealed class SkipStatusCodePages : ISkipStatusCodePagesMetadata;
}
