using System.Globalization;
using AiCtiPortal.Domain.Exports.Packages;
using AiCtiPortal.Domain.Exports.Runs;
using AiCtiPortal.Domain.Exports.Sets;
using AiCtiPortal.Domain.Identity.ApiTokens;
using AiCtiPortal.Domain.Taxonomy;
using AiCtiPortal.Web.Security.ApiTokens;
using Microsoft.AspNetCore.Mvc;

namespace AiCtiPortal.Web.Api;

/// <summary>
/// GET /api/v1/sets, a set's export history, one export and its files: what the Exports page offers, for tools that
/// pull curated sets on a schedule. The rules are the page's (<see cref="ExportHistory"/>): an organisation token reads
/// the sets shared with its organisation, a personal token what its owner may read, and a run above the caller's
/// clearance is as absent as one that does not exist.
/// </summary>
internal static class ExportEndpoints
{
    public static void MapExports(this RouteGroupBuilder api)
    {
        api.MapGet("/sets", SetsAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.DownloadExports))
            .WithName("ApiListCuratedSets")
            .WithTags("Exports")
            .WithSummary("List the curated sets this token may read")
            .WithDescription("Each set with the ceiling the token reads it at (the set's own, lowered to the organisation's " +
                "and the token's clearance) and the address of its export history. Archived sets are not listed.")
            .Produces<IReadOnlyList<ApiCuratedSet>>();

        api.MapGet("/sets/{setId:guid}/exports", RunsAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.DownloadExports))
            .WithName("ApiListExports")
            .WithTags("Exports")
            .WithSummary("A curated set's exports, newest first")
            .WithDescription("Filters: format (StixBundle, MispEvents, Csv, JsonLines), kind (Full, Incremental), status " +
                "(Queued, Running, Succeeded, Failed) and downloadable=true for succeeded, unexpired exports only. Files are " +
                "listed, with their size, SHA-256 and address, while an export can be downloaded. A set the token may not read " +
                "answers 404.")
            .Produces<ApiPage<ApiExportRun>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/sets/{setId:guid}/exports/latest", LatestAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.DownloadExports))
            .WithName("ApiLatestExport")
            .WithTags("Exports")
            .WithSummary("The newest downloadable export of a curated set")
            .WithDescription("What a scheduled pull asks for: the newest succeeded, unexpired export, optionally of one format " +
                "and kind. 404 when the set is hidden from the token or has no such export yet.")
            .Produces<ApiExportRun>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/exports/{runId:guid}", RunAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.DownloadExports))
            .WithName("ApiGetExport")
            .WithTags("Exports")
            .WithSummary("One export: status, progress, counts and files")
            .WithDescription("Poll this while an export runs. An export the token may not have answers 404.")
            .Produces<ApiExportRun>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/exports/{runId:guid}/files/{file}", DownloadAsync)
            .RequireAuthorization(ApiTokenDefaults.PolicyFor(ApiTokenScopes.DownloadExports))
            .WithName("ApiDownloadExportFile")
            .WithTags("Exports")
            .WithSummary("Download one file of an export")
            .WithDescription("manifest.json or a file its manifest lists; compare the SHA-256 with the manifest's. Range " +
                "requests are answered, so a large bundle can be resumed. Anything the token may not have answers 404.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SetsAsync(HttpContext context, CuratedSetStore sets, CancellationToken ct)
    {
        var consumer = ConsumerOf(context);
        var readable = await sets.ReadableByAsync(consumer, ct);
        return TypedResults.Ok(readable.Select(s => new ApiCuratedSet(
            s.Id, s.Name, s.Description, ReadCeiling(s, consumer).ToString(), s.UpdatedAt, $"{ApiV1.Prefix}/sets/{s.Id}/exports")).ToList());
    }

    private static async Task<IResult> RunsAsync(
        Guid setId, HttpContext context, ExportHistory exports,
        [FromQuery] string? format, [FromQuery] string? kind, [FromQuery] string? status, [FromQuery] string? downloadable,
        [FromQuery] string? page, [FromQuery] string? pageSize, CancellationToken ct)
    {
        var errors = new ApiQueryErrors();
        var filter = new ExportRunFilter(
            errors.EnumValue<ExportFormat>("format", format),
            errors.EnumValue<ExportKind>("kind", kind),
            errors.EnumValue<ExportRunStatus>("status", status),
            errors.Boolean("downloadable", downloadable) ?? false);
        var size = errors.Paging(page, pageSize, ExportHistory.RunsPerSet);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors.Errors, "The export history parameters are not valid");
        }

        var number = page is null ? 1 : int.Parse(page, NumberStyles.None, CultureInfo.InvariantCulture);
        var result = await exports.RunsAsync(ConsumerOf(context), setId, filter, number, size, ct);
        if (result is null)
        {
            return SetNotFound();
        }

        var runs = result.Runs.Select(r => Describe(result.Set.Id, r)).ToList();
        return TypedResults.Ok(new ApiPage<ApiExportRun>(
            runs, result.Page, result.PageSize, result.TotalCount, (result.TotalCount + result.PageSize - 1) / result.PageSize));
    }

    private static async Task<IResult> LatestAsync(
        Guid setId, HttpContext context, ExportHistory exports, [FromQuery] string? format, [FromQuery] string? kind, CancellationToken ct)
    {
        var errors = new ApiQueryErrors();
        var filter = new ExportRunFilter(errors.EnumValue<ExportFormat>("format", format), errors.EnumValue<ExportKind>("kind", kind), DownloadableOnly: true);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors.Errors, "The export parameters are not valid");
        }

        var result = await exports.RunsAsync(ConsumerOf(context), setId, filter, 1, 1, ct);
        return result switch
        {
            null => SetNotFound(),
            { Runs: [var run] } => TypedResults.Ok(Describe(setId, run)),
            _ => ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", "This set has no downloadable export of that format and kind yet."),
        };
    }

    private static async Task<IResult> RunAsync(Guid runId, HttpContext context, ExportHistory exports, CancellationToken ct) =>
        await exports.RunAsync(ConsumerOf(context), runId, ct) is { } found
            ? TypedResults.Ok(Describe(found.SetId, found.Run))
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Not found",
                "No export with that id is visible to this token (GET /api/v1/sets/{id}/exports lists the ones it may read).");

    private static async Task<IResult> DownloadAsync(Guid runId, string file, HttpContext context, ExportHistory exports, CancellationToken ct) =>
        await exports.OpenAsync(runId, file, ConsumerOf(context), ct) is { } download
            ? Results.File(download.FullPath, download.ContentType, download.FileName, enableRangeProcessing: true)
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Not found", "No downloadable export file with that name is visible to this token.");

    private static IResult SetNotFound() =>
        ApiResults.Problem(StatusCodes.Status404NotFound, "Not found",
            "No curated set with that id is readable with this token (GET /api/v1/sets lists the ones it may read).");

    private static CuratedSetConsumer ConsumerOf(HttpContext context) => ApiCaller.From(context.User)!.Consumer;

    /// <summary>
    /// The highest ceiling among the consumer's ways in (a curator outside every reader organisation reads the set's
    /// own), never above the token's clearance.
    /// </summary>
    private static Tlp ReadCeiling(ReadableCuratedSet set, CuratedSetConsumer consumer)
    {
        var ceiling = set.Via.Count == 0 ? set.TlpCeiling : set.Via.Max(o => o.Ceiling);
        return ceiling < consumer.Clearance ? ceiling : consumer.Clearance;
    }

    private static ApiExportRun Describe(Guid setId, ExportRunView run) => new(
        run.Id, setId, run.Format.ToString(), run.Kind.ToString(), run.Status.ToString(), run.Progress, run.QueuedAt, run.FinishedAt,
        run.Since, run.CutOff, run.Ceiling.ToString(), run.Reports, run.Indicators, run.Objects, run.TotalBytes, run.Expired, run.Message,
        run.IsDownloadable ? FileUrl(run.Id, ExportManifest.FileName) : null,
        run.IsDownloadable ? [.. run.Files.Select(f => new ApiExportFile(f.Name, f.Bytes, f.Sha256, FileUrl(run.Id, f.Name)))] : []);

    private static string FileUrl(Guid runId, string file) => $"{ApiV1.Prefix}/exports/{runId}/files/{Uri.EscapeDataString(file)}";
}
