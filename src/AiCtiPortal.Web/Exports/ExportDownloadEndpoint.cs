using System.Security.Claims;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Sets;
using Microsoft.AspNetCore.Http.Metadata;

namespace AiCtiPortal.Web.Exports;

/// <summary>
/// GET /exports/{runId}/{file}: one file of a published export, for signed-in members of the set's reader
/// organisations and curators (cookie authentication; anonymous browsers are sent to the login page). Anything the
/// viewer may not have, or that the run's manifest does not list, is a 404, so the answer never says whether a run or
/// file exists.
/// </summary>
internal static class ExportDownloadEndpoint
{
    public const string Route = "/exports/{runId:guid}/{file}";

    public static string UrlFor(Guid runId, string file) => $"/exports/{runId}/{Uri.EscapeDataString(file)}";

    public static IEndpointConventionBuilder MapExportDownloads(this IEndpointRouteBuilder endpoints)
    {
        // Other methods are refused like the GET would be (anonymous callers to the login page), then with 405:
        // left unmapped, the framework's 405 would be re-executed by the status-code pages as a POST to the
        // not-found page, which antiforgery turns into a confusing 400.
        endpoints.MapMethods(Route, [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete], RefuseMethod)
            .RequireAuthorization()
            .WithMetadata(new SkipStatusCodePages());
        return endpoints.MapGet(Route, DownloadAsync).RequireAuthorization().WithName("DownloadExportFile");
    }

    private static IResult RefuseMethod(HttpContext context)
    {
        context.Response.Headers.Allow = "GET, HEAD";
        return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
    }

    private static async Task<IResult> DownloadAsync(Guid runId, string file, ClaimsPrincipal user, ExportHistory exports, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return Results.Challenge();
        }

        var download = await exports.OpenAsync(runId, file, CuratedSetConsumer.User(userId), ct);

        // Results.File sets Content-Disposition: attachment with the name, and answers range requests for large bundles.
        return download is null
            ? Results.NotFound()
            : Results.File(download.FullPath, download.ContentType, download.FileName, enableRangeProcessing: true);
    }

    private sealed class SkipStatusCodePages : ISkipStatusCodePagesMetadata;
}
