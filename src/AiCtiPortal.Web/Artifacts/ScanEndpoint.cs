using AiCtiPortal.Domain.Data;
using AiCtiPortal.Engine.Artifacts.Policy;
using AiCtiPortal.Web.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AiCtiPortal.Web.Artifacts;

/// <summary>
/// POST /api/artifacts/scan: the scan page's work for scripts and pipelines. The body is multipart/form-data with one
/// file part, or the raw file as application/octet-stream with ?fileName=. Either way it is streamed straight into the
/// scan's scratch file; the framework's form reader (IFormFile) is not used, since it buffers files in a temp folder
/// of its own, outside the scratch folder and its clean-up.
/// </summary>
internal static class ScanEndpoint
{
    /// <summary>Room for multipart boundaries and part headers on top of the file itself.</summary>
    private const long EnvelopeBytes = 1 << 20;

    public const string Route = "/api/artifacts/scan";

    public static IEndpointConventionBuilder MapArtifactScan(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Route, HandleAsync)
            .RequireAuthorization()
            // A script gets 401, not a redirect to the login page (the portal's cookie scheme redirects by default).
            .DisableCookieRedirect()
            // That 401 must stay a bare API answer: the portal's status-code pages would re-execute it as a POST to
            // the HTML not-found page, which the antiforgery check then turns into a 400.
            .WithMetadata(new SkipStatusCodePages())
            // Antiforgery: the global middleware only validates endpoints that declare form binding, and this one
            // reads its body itself, so it would not block a non-browser client; nothing is disabled. Cross-site
            // posts are still harmless: the auth cookie is SameSite=Lax (not sent on cross-site POSTs) and a scan
            // changes no state; its answer is readable by the caller only (no CORS).
            .WithName("ScanArtifact");

    private static async Task<IResult> HandleAsync(
        HttpContext context, ArtifactScanService scans, PortalDbContext db, CancellationToken ct)
    {
        var request = context.Request;
        // Kestrel's own ceiling follows the setting, so the check that refuses with a JSON body runs first.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = scans.MaxUploadBytes + EnvelopeBytes;
        }

        if (request.ContentLength > scans.MaxUploadBytes + EnvelopeBytes)
        {
            return TooLarge(scans.MaxUploadBytes);
        }

        var viewer = await TlpClearance.ResolveAsync(context.User, db, ct);
        try
        {
            if (MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) &&
                contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                return await ScanMultipartAsync(request, contentType, scans, viewer, ct);
            }

            if (contentType?.MediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase) == true)
            {
                if (request.ContentLength == 0)
                {
                    return NoFile("The request body is empty.");
                }

                var result = await scans.ScanAsync(request.Body, request.Query["fileName"].ToString(), viewer, null, ct);
                return Results.Ok(ScanResponse.From(result));
            }

            return NoFile("Send the file as multipart/form-data (one file field) or as application/octet-stream with ?fileName=.");
        }
        catch (UploadTooLargeException)
        {
            return TooLarge(scans.MaxUploadBytes);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(scans.MaxUploadBytes);
        }
        catch (ArtifactPolicyException e)
        {
            // The curators' current policy no longer loads; scanning with other rules than theirs would mislead.
            return Results.Problem(title: "Scan policy unusable", detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (InvalidDataException e)
        {
            // A malformed multipart body (bad boundary, oversized part headers).
            return NoFile($"The multipart body could not be read: {e.Message}");
        }
    }

    private static async Task<IResult> ScanMultipartAsync(
        HttpRequest request, MediaTypeHeaderValue contentType, ArtifactScanService scans, Viewer viewer, CancellationToken ct)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return NoFile("The multipart body has no boundary.");
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) &&
                disposition.IsFileDisposition())
            {
                var name = HeaderUtilities.RemoveQuotes(
                    disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                var result = await scans.ScanAsync(section.Body, name ?? "", viewer, null, ct);
                return Results.Ok(ScanResponse.From(result));
            }
        }

        return NoFile("The form has no file field.");
    }

    private static IResult NoFile(string detail) =>
        Results.Problem(title: "No file to scan", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static IResult TooLarge(long limit) =>
        Results.Problem(
            title: "File too large",
            detail: new UploadTooLargeException(limit).Message,
            statusCode: StatusCodes.Status413PayloadTooLarge);

    private sealed class SkipStatusCodePages : ISkipStatusCodePagesMetadata;
}
